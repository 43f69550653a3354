import { useState } from 'react';
import { useLocation } from 'react-router';
import { InvitationFlow } from '../../features/identity/components/invitation-flow.js';
import { tokenFromHash } from '../../features/identity/components/next-path.js';

/**
 * The link of an invitation e-mail (`/invitation#token=…`): the officer sets a password, is signed
 * in with it, enrols an authenticator app, and keeps the recovery codes.
 */
export function InvitationPage() {
  const location = useLocation();
  const [token] = useState(() => tokenFromHash(location.hash));
  return <InvitationFlow token={token} />;
}
