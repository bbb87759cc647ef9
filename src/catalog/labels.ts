/**
 * How text typed by people is compared, in one place: what checking a set refuses as a
 * duplicate must be exactly what the engine cannot tell apart, or a set would pass with two
 * options the engine reads as one (issue 12, point 5).
 */

/**
 * The key an option label (or a label of the set sheet) is compared by: Unicode NFC (a
 * Vietnamese letter typed precomposed or with combining marks is one letter), runs of white
 * space as one space, trimmed, lower case (vi). "Đã  ban hành " and "đã ban hành" are one label.
 */
export function labelKey(text: string): string {
  return text.normalize("NFC").replace(/\s+/g, " ").trim().toLocaleLowerCase("vi");
}

/**
 * The key a unit name is compared by, for duplicates: NFC, trimmed, lower case (vi). Unlike
 * labels, spaces inside the name count: "Sở  A" and "Sở A" are two units.
 */
export function unitNameKey(name: string): string {
  return name.normalize("NFC").trim().toLocaleLowerCase("vi");
}
