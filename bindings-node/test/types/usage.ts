// Type-checked with `tsc --strict --noEmit` by test/types.test.mjs: every export of the
// package's declarations, enum members included, as a user's TypeScript would use them.
import {
  Client, Emulator, SigningStatus, PackageStatus, RoleType, WebhookEventName,
  CallbackAuthType, OAuthMechanism,
  OneSpanError, ApiError, BadRequestError, AuthenticationError, PermissionDeniedError,
  NotFoundError, ConflictError, RateLimitError, ServerError, TransportError, TimeoutError,
  InvalidArgumentError, UnexpectedResponseError, WebhookVerificationError, WebhookParseError, WriteError,
  verifyWebhook, parseWebhook, fromNative, WEBHOOK_MAX_BODY_BYTES,
} from 'onespan-sign'
import type {
  Package, Role, Signer, Document, Approval, Field, SignerAuth, Delivery, EmailMessage,
  CallbackConfig, OAuthSetting, KeyValue, WebhookEvent, ClientOptions, CallOptions, DocumentInput, Packages, Roles,
  AuthTokens, Callbacks, EmulatorOptions, Fault, DeliveryAttempt, Notification, RequestOptions,
  Logger, LogFields, AuditEvent, Documents, Templates, NotificationMethods, Senders,
} from 'onespan-sign'
import { webhookMiddleware } from 'onespan-sign/express'

async function flow(): Promise<void> {
  const emu: Emulator = await Emulator.start({ port: 0 } satisfies EmulatorOptions)
  const options: ClientOptions = { apiKey: emu.apiKey, baseUrl: emu.baseUrl, timeoutMs: 5000, maxRetries: 1 }
  const client = new Client(options)
  const seen: LogFields[] = []
  const logger: Logger = { debug: (message: string, fields?: LogFields) => void seen.push({ ...fields, message }) }
  const logged = new Client({ ...options, logger })
  const toConsole = new Client({ ...options, logger: console })
  console.log(logged, toConsole, seen[0]?.durationMs)
  const limits: CallOptions = { timeoutMs: 1000 }
  const quick: Client = client.withOptions(limits)
  const signer: Signer = { email: 'a@x.com', firstName: 'Ann', auth: { scheme: 'NONE' } as SignerAuth, delivery: {} as Delivery }
  const role: Role = { id: 'Signer1', type: RoleType.SIGNER, signers: [signer], emailMessage: {} as EmailMessage }
  const field: Field = { type: 'SIGNATURE', page: 0, top: 1, left: 2, width: 3, height: 4 }
  const doc: Document = { name: 'doc', approvals: [{ role: 'Signer1', fields: [field] } as Approval] }
  const pkg: Package = { name: 'Lease', roles: [role], documents: [doc], status: PackageStatus.DRAFT }
  const files: DocumentInput[] = [{ name: 'doc.pdf', content: Buffer.from('%PDF-1.4') }]
  const packages: Packages = quick.packages
  const id: string = await packages.create(pkg, files)
  const got: Package = await client.packages.get(id)
  const status: SigningStatus = await client.packages.signingStatus(id, null, null)
  const done: boolean = status === SigningStatus.COMPLETED || status === SigningStatus.SIGNING_COMPLETED
  const { signal } = new AbortController()
  const request: RequestOptions = { signal }
  const again: Package = await client.packages.get(id, request)
  const byOptions: SigningStatus = await client.packages.signingStatus(id, { signal })
  const bySigner: SigningStatus = await client.packages.signingStatus(id, 'Signer1', { signal })
  const created: string = await client.packages.create(pkg, { signal })
  const withFiles: string = await client.packages.create(pkg, files, { signal: AbortSignal.timeout(5000) })
  const roles: Roles = client.roles
  const list: Role[] = await roles.list(id)
  const image: Buffer = await roles.signatureImage(id, 'Signer1', 'png')
  const gif: Buffer = await roles.signatureImage(id, 'Signer1', { signal })
  const tokens: AuthTokens = client.authTokens
  const url: string = tokens.signingUrl('token')
  const target: string = tokens.signingUrl('token', { packageId: id }) + tokens.signingUrl('token', id)
  const designer: string = tokens.designerUrl(await tokens.createSenderToken(id), id)
  const senders: Senders = client.senders
  const senderImage: Buffer = await senders.signatureImage(emu.senderId, { format: 'gif' })
  await client.senders.deleteSignatureImage(emu.senderId, { signal })
  const sfKey: string = client.callbacks.salesforceKey('https://x.my.salesforce.com', 'c', 'r')
  const methods: NotificationMethods = { primary: ['EMAIL', 'SMS'] }
  const asSender = new Client({ clientId: 'i', clientSecret: 's', senderEmail: emu.senderEmail, eslApiVersion: '11.68.0', baseUrl: emu.baseUrl })
  const callbacks: Callbacks = client.callbacks
  const header: KeyValue = { key: 'X-Tenant', value: 't1' }
  const oauth: OAuthSetting = {
    clientId: 'c', clientSecret: 's', authorizationServerUrl: 'https://a.example/token', scope: 'x',
    grantType: 'client_credentials', ignoreSsl: false, username: 'u', password: 'p',
    authMechanism: OAuthMechanism.HEADER, customParameters: [header],
  }
  const authTypes: CallbackAuthType[] = [CallbackAuthType.NONE, CallbackAuthType.BASIC, CallbackAuthType.OAUTH2]
  const mechanisms: OAuthMechanism[] = [OAuthMechanism.BODY, OAuthMechanism.BASIC_AUTH]
  const config: CallbackConfig = { url: 'http://127.0.0.1:1/hook', key: 'k', events: [WebhookEventName.PACKAGE_COMPLETE], authType: authTypes[2], oauthSetting: oauth, customHeaders: [header] }
  const nothing: void = await callbacks.set(config)
  await callbacks.set(config, { origin: 'salesforceOauth2', signal: new AbortController().signal })
  await callbacks.set(config, 'dynamics')
  const connector: CallbackConfig = await callbacks.get({ origin: 'sharepoint' })
  await callbacks.disable()
  const fault: Fault = { status: 503, count: 1 }
  emu.injectFault(fault)
  const attempts: DeliveryAttempt[] = emu.deliveries()
  const sent: Notification[] = emu.notifications()
  const event: WebhookEvent = verifyWebhook(Buffer.from('{}'), 'Basic k', 'k')
  const parsed: WebhookEvent = parseWebhook('{"name":"PACKAGE_COMPLETE"}')
  const named: boolean = event.name === WebhookEventName.PACKAGE_COMPLETE && parsed.packageId !== undefined
  const cap: number = WEBHOOK_MAX_BODY_BYTES
  const errors: Array<new (message: string) => OneSpanError> = [
    ApiError, BadRequestError, AuthenticationError, PermissionDeniedError, NotFoundError, ConflictError,
    RateLimitError, ServerError, TransportError, TimeoutError, InvalidArgumentError, UnexpectedResponseError,
    WebhookVerificationError, WebhookParseError, WriteError,
  ]
  try {
    await client.packages.get('missing')
  } catch (e) {
    const mapped = fromNative(e)
    if (e instanceof NotFoundError) console.log(e.status, e.messageKey, e.retryAfterMs)
    console.log(mapped)
  }
  const docs: Document[] = await client.documents.upload('p', [{ name: 'a.pdf', content: Buffer.from('%PDF-1.4') }])
  const pdf: Buffer = await client.documents.download('p', docs[0].id ?? '', { flatten: true })
  const written: number = await client.documents.download('p', 'd', { to: '/tmp/signed.pdf' })
  const zipped: number = await client.documents.downloadZip('p', { to: process.stdout, signal: new AbortController().signal })
  const audit: AuditEvent[] = await client.packages.audit('p')
  for await (const pkg of client.packages.list({ status: 'SENT', updatedAfter: new Date(), pageSize: 10 })) {
    const p: Package = pkg
    console.log(p.name)
  }
  for await (const t of client.templates.list()) console.log(t.id)
  const handles: [Documents, Templates] = [client.documents, client.templates]
  console.log(pdf, written, zipped, audit, handles)
  console.log(again, byOptions, bySigner, created, withFiles, gif)
  console.log(target, designer, senderImage, sfKey, methods, asSender)
  console.log(got, done, list, image, url, config, attempts, sent, named, cap, errors, webhookMiddleware, nothing, connector, mechanisms)
  await emu.stop()
}

void flow()
