import nodemailer, { type Transporter } from 'nodemailer';

export interface Email {
  to: string;
  subject: string;
  text: string;
  /** Stable per message, so a receiver can drop a redelivered duplicate. */
  messageId: string;
}

/** SMTP through `url` (SMTP_URL, e.g. smtp://127.0.0.1:2525) from `from` (SMTP_FROM); without a URL nothing is emailed. */
export class Mailer {
  private transport?: Transporter;

  constructor(
    private readonly url?: string,
    private readonly from = 'Aimsflow <no-reply@aimsflow.local>',
  ) {}

  get enabled(): boolean {
    return !!this.url;
  }

  async send(email: Email): Promise<void> {
    if (!this.url) return;
    this.transport ??= nodemailer.createTransport(this.url);
    await this.transport.sendMail({
      from: this.from,
      to: email.to,
      subject: email.subject,
      text: email.text,
      messageId: email.messageId,
    });
  }

  close(): void {
    this.transport?.close();
  }
}
