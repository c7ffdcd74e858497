import { useState, type SubmitEvent } from 'react';
import { resendRequestSchema, verifyRequestSchema } from '../../../domain/auth';
import { api } from '../api';
import { Card } from '../components/Card';
import { ErrorNotice, InfoNotice } from '../components/ErrorNotice';
import { Field } from '../components/Field';
import { parseInput } from '../http';
import { navigate } from '../router';
import { useAction } from '../useAction';

const UNVERIFIED_NOTICE = 'Your email is not verified yet. Enter the code we emailed you, or request a new one.';

export function VerifyPage({ params }: { params: URLSearchParams }) {
  const emailFromLink = params.get('email') ?? '';
  const [email, setEmail] = useState(emailFromLink);
  const [code, setCode] = useState('');
  const [notice, setNotice] = useState<string | null>(params.get('reason') === 'unverified' ? UNVERIFIED_NOTICE : null);
  const verify = useAction();
  const resend = useAction();

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setNotice(null);
    void verify.run(async () => {
      await api.verify(parseInput(verifyRequestSchema, { email, code }));
      navigate('/profile');
    });
  };

  const onResend = () => {
    setNotice(null);
    void resend.run(async () => {
      const input = parseInput(resendRequestSchema, { email });
      await api.resend(input);
      setCode('');
      setNotice(`We sent a new code to ${input.email}.`);
    });
  };

  return (
    <Card
      title="Check your email"
      subtitle={
        emailFromLink ? (
          <>
            Enter the 6-digit code we sent to <strong>{emailFromLink}</strong>.
          </>
        ) : (
          'Enter your email and the 6-digit code we sent you.'
        )
      }
      footer={<a href="#/signup">Use a different email</a>}
    >
      <form onSubmit={onSubmit}>
        {emailFromLink ? null : (
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
        )}
        <Field
          label="Verification code"
          className="code-input"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="\d{6}"
          maxLength={6}
          required
          value={code}
          onChange={(e) => {
            setCode(e.target.value.replace(/\D/g, '').slice(0, 6));
          }}
        />
        <InfoNotice message={notice} />
        <ErrorNotice error={verify.error ?? resend.error} />
        {verify.error?.code === 'verification_closed' ? <p className="muted">Request a new code below to try again.</p> : null}
        <div className="actions">
          <button type="submit" disabled={verify.pending}>
            {verify.pending ? 'Verifying…' : 'Verify'}
          </button>
          <button type="button" className="secondary" onClick={onResend} disabled={resend.pending}>
            {resend.pending ? 'Sending…' : 'Resend code'}
          </button>
        </div>
      </form>
    </Card>
  );
}
