/**
 * An error as the log may keep it: what failed and where, never the values. A failed query's
 * message carries its parameters (`Failed query: … params: <name>,<phone>,<e-mail>`), and
 * PostgreSQL's `detail` quotes the row (`Key (email)=(…) already exists`): personal data that an
 * operator's log, shipped to wherever logs go, must not hold; so are quoted values in messages.
 * The SQL text itself has only placeholders and stays, as do the SQLSTATE code, the constraint
 * and the stack.
 */
export function redactError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error) || depth > 4) return error;
  // PostgreSQL quotes the value it refused (`invalid input syntax for type integer: "…"`).
  const strip = (text: string) => text.replace(/\nparams: [\s\S]*?(?=\n\s+at |$)/, '\nparams: [redacted]').replace(/"(?:[^"\\\n]|\\.)*"/g, '"[redacted]"');
  const fields = error as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = { type: error.name, message: strip(error.message) };
  if (error.stack) out.stack = strip(error.stack);
  for (const key of ['code', 'statusCode', 'severity', 'routine', 'table', 'column', 'constraint', 'query']) {
    if (fields[key] !== undefined) out[key] = fields[key];
  }
  for (const key of ['params', 'detail', 'where', 'parameters', 'input']) if (fields[key] !== undefined) out[key] = '[redacted]';
  if (error.cause !== undefined) out.cause = redactError(error.cause, depth + 1);
  return out;
}

/** The SQLSTATE of a database error, looked for along its causes (Drizzle wraps the driver's error). */
export function sqlState(error: unknown): string | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}
