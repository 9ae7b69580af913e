// The locale dates are written in: the editor's display language once the extension sets it (the extension host's
// own locale may be another, a remote machine's for instance), else the runtime's default.

let displayLocale: string | undefined;

/** Sets the display language (a BCP 47 tag such as "de" or "pt-br"); an unknown tag leaves the runtime's default. */
export function setDisplayLocale(locale: string | undefined): void {
  try {
    displayLocale = locale && Intl.DateTimeFormat.supportedLocalesOf([locale]).length ? locale : undefined;
  } catch {
    displayLocale = undefined; // not a BCP 47 tag
  }
}

/** A date as the display language writes it. */
export function formatDate(date: Date, options: Intl.DateTimeFormatOptions): string {
  return date.toLocaleString(displayLocale, options);
}
