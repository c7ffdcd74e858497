import { useState, type SubmitEvent } from 'react';
import { loginRequestSchema } from '../../../domain/auth';
import { api } from '../api';
import { Card } from '../components/Card';
import { ErrorNotice, InfoNotice } from '../components/ErrorNotice';
import { Field } from '../components/Field';
import { ApiRequestError, parseInput } from '../http';
import { navigate } from '../router';
import { useAction } from '../useAction';

export function LoginPage({ params }: { params: URLSearchParams }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { pending, error, run } = useAction();
  const notice = params.get('reason') === 'expired' ? 'Your session has ended. Please log in again.' : null;

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(async () => {
      const input = parseInput(loginRequestSchema, { email, password });
      try {
        await api.login(input);
      } catch (caught) {
        if (caught instanceof ApiRequestError && caught.body.code === 'email_not_verified') {
          navigate('/verify', { email: input.email, reason: 'unverified' });
          return;
        }
        throw caught;
      }
      navigate('/profile');
    });
  };

  return (
    <Card
      title="Log in"
      footer={
        <>
          New to dropline? <a href="#/signup">Create an account</a>
        </>
      }
    >
      <form onSubmit={onSubmit}>
        <InfoNotice message={error ? null : notice} />
        <Field
          label="Email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => {
            setEmail(e.target.value);
          }}
        />
        <Field
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => {
            setPassword(e.target.value);
          }}
        />
        <ErrorNotice error={error} />
        <button type="submit" disabled={pending}>
          {pending ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </Card>
  );
}
