import { RegisterForm } from '../../features/identity/components/register-form.js';

/** /daftar: an external user (vendor, OPD/PPK officer, member of the public) registers; a link verifies the e-mail. */
export function RegisterPage() {
  return <RegisterForm />;
}
