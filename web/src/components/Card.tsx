import type { ReactNode } from 'react';

interface CardProps {
  title: string;
  subtitle?: ReactNode;
  footer?: ReactNode;
  children: ReactNode;
}

export function Card({ title, subtitle, footer, children }: CardProps) {
  return (
    <section className="card">
      <h1>{title}</h1>
      {subtitle ? <p className="muted">{subtitle}</p> : null}
      {children}
      {footer ? <p className="card-footer">{footer}</p> : null}
    </section>
  );
}
