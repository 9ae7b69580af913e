// The locale dates are written in: the editor's display language once the extension sets it (the extension host's
// own locale may be another, a remote machine's for instance), else the runtime's default.

let requested: string | undefined;
/** The checked tag; null until the first date is written (the check loads locale data: not at activation). */
let checked: string | undefined | null = null;

/** Sets the display language (a BCP 47 tag such as "de" or "pt-br"); an unknown tag leaves the runtime's default. */
export function setDisplayLocale(locale: string | undefined): void {
  requested = locale;
  checked = null;
}

function displayLocale(): string | undefined {
  if (checked === null) {
    try {
      checked = requested && Intl.DateTimeFormat.supportedLocalesOf([requested]).length ? requested : undefined;
    } catch {
      checked = undefined; // not a BCP 47 tag
    }
  }
  return checked;
}

/** A date as the display language writes it. */
export function formatDate(date: Date, options: Intl.DateTimeFormatOptions): string {
  return date.toLocaleString(displayLocale(), options);
}
