import { useSearchParams } from 'react-router';
import { safeNext } from '../../features/identity/components/next-path.js';
import { SignInFlow } from '../../features/identity/components/sign-in-flow.js';

/**
 * /masuk: e-mail and password, then the second step the server asks for. `?next=` is where the
 * person was going; without it an officer lands on the staff home (/kerja), anyone else on /akun.
 */
export function SignInPage() {
  const [search] = useSearchParams();
  const next = search.get('next');
  return <SignInFlow next={next ? safeNext(next) : null} />;
}
