import { useState, type SubmitEvent } from 'react';
import { signupRequestSchema } from '../../../domain/auth';
import { api } from '../api';
import { Card } from '../components/Card';
import { ErrorNotice } from '../components/ErrorNotice';
import { Field } from '../components/Field';
import { parseInput } from '../http';
import { navigate } from '../router';
import { useAction } from '../useAction';

export function SignupPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { pending, error, run } = useAction();

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(async () => {
      const input = parseInput(signupRequestSchema, { email, password });
      const result = await api.signup(input);
      navigate('/verify', { email: result.email });
    });
  };

  return (
    <Card
      title="Create your account"
      subtitle="We will email you a 6-digit code to confirm your address."
      footer={
        <>
          Already have an account? <a href="#/login">Log in</a>
        </>
      }
    >
      <form onSubmit={onSubmit}>
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
          autoComplete="new-password"
          required
          minLength={10}
          hint="At least 10 characters."
          value={password}
          onChange={(e) => {
            setPassword(e.target.value);
          }}
        />
        <ErrorNotice error={error} />
        {error?.code === 'conflict' ? (
          <p className="muted">
            <a href="#/login">Log in with this email instead</a>
          </p>
        ) : null}
        <button type="submit" disabled={pending}>
          {pending ? 'Creating account…' : 'Create account'}
        </button>
      </form>
    </Card>
  );
}
