/**
 * An error's class name when it looks like one, for logs and metrics; any
 * other value could carry input (a message, a token), so it becomes `fallback`.
 */
export function safeErrorName(err: unknown, fallback = 'Error'): string {
  const name = (err as { name?: unknown } | null)?.name;
  return typeof name === 'string' && /^[A-Za-z][A-Za-z0-9]{0,63}$/.test(name) ? name : fallback;
}
