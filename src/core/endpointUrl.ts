// The endpoint URL a user gives (the editor's endpoint setting, the CLI's --endpoint-url): what makes one unusable.

/** Why an endpoint the user typed cannot be used, or undefined when it can. */
export function validateEndpoint(value: string): string | undefined {
  const text = value.trim();
  if (!text) return 'Enter an endpoint URL, for example: http://127.0.0.1:5000';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `Enter a full URL with http:// or https://: ${text}`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `The endpoint must use http or https, not: ${url.protocol}`;
  if (url.username || url.password) return 'Do not put credentials in the endpoint URL: use a profile instead';
  if (url.search || url.hash) return `The endpoint URL takes no query or fragment: ${text}`;
  return undefined;
}
