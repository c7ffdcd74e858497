import { SendEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import { ApplicationFailure } from '@temporalio/common';
import { failureTypes } from '../../../domain/errors';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

export type Mailer = (message: EmailMessage) => Promise<{ messageId: string }>;

// SES answers these for a message it will never accept; retrying cannot help.
const PERMANENT_SES_ERRORS = new Set(['MessageRejected', 'MailFromDomainNotVerifiedException', 'AccountSendingPausedException']);

export function createSesMailer(deps: { ses: SESClient; from: string }): Mailer {
  return async (message) => {
    try {
      const result = await deps.ses.send(
        new SendEmailCommand({
          Source: deps.from,
          Destination: { ToAddresses: [message.to] },
          Message: { Subject: { Data: message.subject, Charset: 'UTF-8' }, Body: { Text: { Data: message.text, Charset: 'UTF-8' } } },
        }),
      );
      return { messageId: result.MessageId ?? '' };
    } catch (error) {
      if (error instanceof Error && PERMANENT_SES_ERRORS.has(error.name)) {
        throw ApplicationFailure.create({ type: failureTypes.emailDeliveryRejected, message: `SES rejected the message: ${error.name}`, nonRetryable: true });
      }
      throw error;
    }
  };
}
