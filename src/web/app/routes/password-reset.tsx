import { useState } from 'react';
import { useLocation } from 'react-router';
import { tokenFromHash } from '../../features/identity/components/next-path.js';
import { RequestReset, SetNewPassword } from '../../features/identity/components/password-reset.js';

/**
 * /lupa-kata-sandi asks for the reset e-mail; its link (`/password-reset#token=…`) lands here
 * with a token and sets the new password.
 */
export function PasswordResetPage() {
  const location = useLocation();
  const [token] = useState(() => tokenFromHash(location.hash));
  return token ? <SetNewPassword token={token} /> : <RequestReset />;
}
