import { useEffect, useState } from 'react';
import type { User } from '../../../domain/auth';
import { api } from '../api';
import { Card } from '../components/Card';
import { ErrorNotice } from '../components/ErrorNotice';
import { navigate } from '../router';
import { useAction } from '../useAction';

export function ProfilePage() {
  const [user, setUser] = useState<User | null>(null);
  const [loggingOut, setLoggingOut] = useState(false);
  const { pending, error, run } = useAction();

  useEffect(() => {
    let active = true;
    void run(async () => {
      const me = await api.me();
      if (active) setUser(me);
    });
    return () => {
      active = false;
    };
  }, [run]);

  const onLogout = async () => {
    setLoggingOut(true);
    await api.logout();
    navigate('/login');
  };

  return (
    <Card title="Your profile">
      <ErrorNotice error={error} />
      {pending && !user ? <p className="muted">Loading your profile…</p> : null}
      {user ? <UserDetails user={user} /> : null}
      <button type="button" className="secondary" onClick={() => void onLogout()} disabled={loggingOut}>
        {loggingOut ? 'Logging out…' : 'Log out'}
      </button>
    </Card>
  );
}

function UserDetails({ user }: { user: User }) {
  return (
    <dl className="details">
      <dt>Email</dt>
      <dd data-testid="profile-email">{user.email}</dd>
      <dt>Status</dt>
      <dd>
        <span className={user.emailVerified ? 'badge badge-ok' : 'badge'} data-testid="profile-verified">
          {user.emailVerified ? 'Verified' : 'Not verified'}
        </span>
      </dd>
      <dt>Role</dt>
      <dd>{user.role}</dd>
      <dt>Member since</dt>
      <dd>{new Date(user.createdAt).toLocaleDateString(undefined, { dateStyle: 'long' })}</dd>
      <dt>User ID</dt>
      <dd>
        <code>{user.id}</code>
      </dd>
    </dl>
  );
}
