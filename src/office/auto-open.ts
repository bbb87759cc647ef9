/**
 * "Open the task pane with this workbook" (Office's autoopen feature, AddInCommands 1.1): a
 * document setting that makes Excel open the pane whenever the workbook is opened by someone
 * who has the add-in. The pane needs to run once on a computer before DTI.* functions can
 * score a province's own set there (it hands the set over, src/functions/set-store.ts); with
 * this setting a colleague who opens the workbook gets that without knowing about it.
 *
 * The manifest's ShowTaskpane action carries the reserved TaskpaneId
 * "Office.AutoShowTaskpaneWithDocument"; the setting is stored in the workbook itself.
 *
 * Takes the document's settings object, so tests pass a fake; no Office global is read here.
 */

export const AUTO_OPEN_SETTING = "Office.AutoShowTaskpaneWithDocument";

/** The part of Office.Settings used here. */
export interface DocumentSettings {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  saveAsync(callback?: (result: { status: unknown; error?: { message?: string } | null }) => void): void;
}

export interface AutoOpen {
  /** Whether the workbook opens the pane. */
  isOn(): boolean;
  /** Turns it on or off and saves the setting into the workbook. */
  set(on: boolean): Promise<void>;
}

export function autoOpenFor(settings: DocumentSettings | undefined): AutoOpen | undefined {
  if (!settings) return undefined;
  return {
    isOn: () => settings.get(AUTO_OPEN_SETTING) === true,
    set: (on) =>
      new Promise<void>((resolve, reject) => {
        if (on) settings.set(AUTO_OPEN_SETTING, true);
        else settings.remove(AUTO_OPEN_SETTING);
        settings.saveAsync((result) => {
          // Office.AsyncResultStatus.Succeeded is the string "succeeded".
          if (String(result.status) === "succeeded") resolve();
          else reject(new Error(result.error?.message ?? "Office.context.document.settings.saveAsync failed"));
        });
      }),
  };
}
