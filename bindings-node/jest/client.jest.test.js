// The package under Jest, as a user's test suite runs it: Jest loads the package's
// JavaScript into each test file's own realm while the native addon stays in Node's, so
// anything that depended on realm identity (`instanceof Promise`, `instanceof Error`)
// would break here: models would come back as { onespanJson } and errors as plain Errors.
'use strict'

const { Client, Emulator, NotFoundError, ApiError, OneSpanError, InvalidArgumentError, SigningStatus } = require('onespan-sign')

let emu
let client

beforeAll(async () => {
  emu = await Emulator.start()
  client = new Client({ apiKey: emu.apiKey, baseUrl: emu.baseUrl })
})

afterAll(async () => {
  await emu.stop()
})

test('a package is created and read back as a plain object', async () => {
  const id = await client.packages.create({
    name: 'Lease',
    roles: [{ id: 'Tenant', signers: [{ email: 'ann@example.com', firstName: 'Ann', lastName: 'Lee' }] }],
  })
  expect(typeof id).toBe('string')
  const pkg = await client.packages.get(id)
  expect(pkg).not.toHaveProperty('onespanJson')
  expect(pkg.name).toBe('Lease')
  expect(pkg.roles.map((r) => r.id)).toContain('Tenant')
  expect(await client.packages.signingStatus(id)).toBe(SigningStatus.DRAFT)
  const roles = await client.roles.list(id)
  expect(Array.isArray(roles)).toBe(true)
})

test('a 404 is the NotFoundError class this file imported', async () => {
  const call = client.packages.get('no-such-package')
  expect(typeof call.then).toBe('function')
  let err
  try {
    await call
  } catch (e) {
    err = e
  }
  expect(err).toBeInstanceOf(NotFoundError)
  expect(err).toBeInstanceOf(ApiError)
  expect(err).toBeInstanceOf(OneSpanError)
  expect(err.status).toBe(404)
  expect(err.message).not.toMatch(/__onespan_error__|onespanError/)
  await expect(client.roles.get('no-such-package', 'Nobody')).rejects.toBeInstanceOf(NotFoundError)
})

test('argument errors are InvalidArgumentError, as rejections', async () => {
  await expect(client.packages.get(42)).rejects.toBeInstanceOf(InvalidArgumentError)
  expect(() => new Client({ apiKey: 'k', baseUrl: emu.baseUrl, timeout: 5 })).toThrow(InvalidArgumentError)
})

test('an AbortSignal from this realm cancels a call', async () => {
  emu.injectFault({ method: 'GET', path: '/api/callback', delayMs: 5000 })
  const controller = new AbortController()
  const call = client.callbacks.get({ signal: controller.signal })
  setTimeout(() => controller.abort(), 50)
  await expect(call).rejects.toMatchObject({ name: 'AbortError' })
})

test('jest.spyOn replaces a service method and restores it', async () => {
  const spy = jest.spyOn(client.packages, 'create').mockResolvedValue('fake-id')
  expect(await client.packages.create({ name: 'mocked' })).toBe('fake-id')
  expect(spy).toHaveBeenCalledWith({ name: 'mocked' })
  spy.mockRestore()
  const id = await client.packages.create({ name: 'real' })
  expect(id).not.toBe('fake-id')
})
