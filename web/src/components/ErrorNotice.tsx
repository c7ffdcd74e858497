import type { ErrorBody } from '../http';

export function ErrorNotice({ error }: { error: ErrorBody | null }) {
  if (!error) return null;
  return (
    <div className="notice notice-error" role="alert">
      <p>{error.message}</p>
      {error.details && error.details.length > 0 ? (
        <ul>
          {error.details.map((detail) => (
            <li key={`${detail.path}:${detail.message}`}>
              {detail.path ? <strong>{detail.path}: </strong> : null}
              {detail.message}
            </li>
          ))}
        </ul>
      ) : null}
      {error.requestId ? (
        <small className="request-id" data-testid="error-request-id">
          Request ID: {error.requestId}
        </small>
      ) : null}
    </div>
  );
}

export function InfoNotice({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="notice notice-info" role="status">
      <p>{message}</p>
    </div>
  );
}
