import type { RouteObject } from 'react-router';
import { ProfilePage, SecurityPage, SessionsPage } from './account.js';
import { AuditPage } from './audit.js';
import { InvitationPage } from './invitation.js';
import { PasswordResetPage } from './password-reset.js';
import { RegisterPage } from './register.js';
import { SetupPage } from './setup.js';
import { StaffPage } from './staff.js';
import { VerifyEmailPage } from './verify-email.js';

/**
 * Pages of accounts, staff administration and the audit trail. `/invitation`, `/verify-email` and
 * `/password-reset` are the paths of the links the server e-mails (identity.service.ts), each
 * with an Indonesian twin for people who type the address.
 */
export const accountRoutes: RouteObject[] = [
  { path: 'daftar', element: <RegisterPage /> },
  // The link `serve` prints while Sigap has no administrator.
  { path: 'setup', element: <SetupPage /> },
  { path: 'invitation', element: <InvitationPage /> },
  { path: 'undangan', element: <InvitationPage /> },
  { path: 'verify-email', element: <VerifyEmailPage /> },
  { path: 'verifikasi-email', element: <VerifyEmailPage /> },
  { path: 'password-reset', element: <PasswordResetPage /> },
  { path: 'lupa-kata-sandi', element: <PasswordResetPage /> },
  { path: 'akun', element: <ProfilePage /> },
  { path: 'akun/sesi', element: <SessionsPage /> },
  { path: 'akun/keamanan', element: <SecurityPage /> },
  { path: 'kelola/:agency/staf', element: <StaffPage /> },
  { path: 'kelola/:agency/audit', element: <AuditPage /> },
];
