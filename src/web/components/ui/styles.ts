/** Long words (agency names, numbers, e-mail addresses) break anywhere rather than widen a phone's page. */
export const wrap = { overflowWrap: 'anywhere' } as const;
