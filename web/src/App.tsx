import { useEffect } from 'react';
import { LoginPage } from './pages/LoginPage';
import { ProfilePage } from './pages/ProfilePage';
import { SignupPage } from './pages/SignupPage';
import { VerifyPage } from './pages/VerifyPage';
import { useRoute, type Route } from './router';
import { useSession } from './session';

export function App() {
  const route = useRoute();
  const signedIn = useSession() !== null;
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href="#/">
          dropline
        </a>
      </header>
      <main>
        <Page route={route} signedIn={signedIn} />
      </main>
    </div>
  );
}

function Page({ route, signedIn }: { route: Route; signedIn: boolean }) {
  switch (route.path) {
    case '/signup':
      return <SignupPage />;
    case '/verify':
      return <VerifyPage key={route.params.toString()} params={route.params} />;
    case '/login':
      return signedIn ? <Redirect to="/profile" /> : <LoginPage params={route.params} />;
    case '/profile':
      return signedIn ? <ProfilePage /> : <Redirect to="/login" />;
    case '/':
      return <Redirect to={signedIn ? '/profile' : '/signup'} />;
  }
}

function Redirect({ to }: { to: string }) {
  useEffect(() => {
    window.location.replace(`#${to}`);
  }, [to]);
  return null;
}
