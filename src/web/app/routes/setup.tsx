import { useState } from 'react';
import { useLocation } from 'react-router';
import { QueryState } from '../../components/ui/query-state.js';
import { useAgencies } from '../../features/agencies/api/agencies.js';
import { tokenFromHash } from '../../features/identity/components/next-path.js';
import { SetupForm } from '../../features/identity/components/setup-form.js';

/**
 * The link `serve` prints while Sigap has no administrator (`/setup#token=…`): choose the unit,
 * name its first administrator, then set the password and enrol TOTP on the invitation's page.
 */
export function SetupPage() {
  const location = useLocation();
  const [token] = useState(() => tokenFromHash(location.hash));
  const agencies = useAgencies();
  return <QueryState query={agencies}>{(list) => <SetupForm token={token} agencies={list} />}</QueryState>;
}
