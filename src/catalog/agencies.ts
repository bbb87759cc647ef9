/**
 * The agencies of a set: how an agency cell ("Cơ quan chủ trì", "Cơ quan phối hợp", who
 * provides a general-information item) is split into agencies, and which indicators and items
 * each agency leads, coordinates or provides. Derived from the catalog only, so that the
 * Phân công sheet, the split by agency, validation and the pane's "my agency" agree.
 */
import type { Indicator, IndicatorSet } from "./schema";

/** A letter that is lower case ("t" of "thành phố"), as opposed to "S" of "Sở". */
function startsLowerCase(text: string): boolean {
  const ch = text.charAt(0);
  return ch !== "" && ch === ch.toLocaleLowerCase("vi") && ch !== ch.toLocaleUpperCase("vi");
}

/**
 * The agencies of an agency cell. ";" always separates; a comma separates too, except
 * before a lower-case continuation, which belongs to the name before it:
 * "UBND các huyện, thành phố" and "Các sở, ngành" are one agency each,
 * "Sở Nội vụ, Sở Tài chính" two. "" and "-" give none.
 */
export function splitAgencies(text: string): string[] {
  const out: string[] = [];
  for (const group of text.normalize("NFC").split(";")) {
    let first = true;
    for (const raw of group.split(",")) {
      const part = raw.trim();
      if (part === "" || part === "-") continue;
      if (!first && out.length && startsLowerCase(part)) out[out.length - 1] = `${out[out.length - 1] as string}, ${part}`;
      else out.push(part);
      first = false;
    }
  }
  return out;
}

export interface AgencyAssignment {
  readonly agency: string;
  readonly leads: readonly Indicator[];
  readonly coordinates: readonly Indicator[];
  readonly infoItems: readonly number[];
}

/** Each agency with the indicators it leads or coordinates and the info items it provides, in first-seen order. */
export function agencyAssignments(set: IndicatorSet, split: (text: string) => string[] = splitAgencies): AgencyAssignment[] {
  const map = new Map<string, { leads: Indicator[]; coordinates: Indicator[]; infoItems: number[] }>();
  const get = (a: string) => {
    let e = map.get(a);
    if (!e) {
      e = { leads: [], coordinates: [], infoItems: [] };
      map.set(a, e);
    }
    return e;
  };
  for (const ind of set.indicators) {
    if (ind.parent) continue;
    for (const a of split(ind.responsible)) get(a).leads.push(ind);
    for (const a of split(ind.coordinating)) get(a).coordinates.push(ind);
  }
  for (const item of set.infoItems) for (const a of split(item.responsible)) get(a).infoItems.push(item.id);
  return [...map.entries()].map(([agency, e]) => ({ agency, ...e }));
}

/**
 * Whether two agency names are the same agency: compared after NFC and trimming, with case
 * (and inner spaces) as written, unlike option labels (./labels.ts).
 */
export function sameAgency(a: string, b: string): boolean {
  return a.normalize("NFC").trim() === b.normalize("NFC").trim();
}
