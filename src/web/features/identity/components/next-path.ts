/** The `next` parameter of /masuk, if it is a path of this site (never another origin). */
export function safeNext(value: string | null, fallback = '/akun'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}

/** The `#token=` of an e-mailed link: kept in the fragment so it never reaches a server log or a Referer. */
export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && token.length >= 20 ? token : null;
}
