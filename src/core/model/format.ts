// Numbers as people read them.

const UNITS = ['KB', 'MB', 'GB', 'TB'];

/** A size in bytes as "512 B", "4.2 KB", "96 MB" (1 KB = 1,024 bytes); undefined stays undefined. */
export function formatBytes(size: number): string;
export function formatBytes(size: number | undefined): string | undefined;
export function formatBytes(size: number | undefined): string | undefined {
  if (size === undefined) return undefined;
  if (size < 1024) return `${size} B`;
  let value = size / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${UNITS[unit] ?? ''}`;
}
