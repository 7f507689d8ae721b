import { DEMO_PASSWORD, DEMO_USERNAMES } from '../../../../mocks/campus';
import { IntegrationError } from '../integration-error';
import { rejectionOf, startStandIns, type RunningStandIns } from '../test-stand-ins';
import { createCasClient, parseServiceResponse } from './cas-client';

const SERVICE = 'http://127.0.0.1:8080/api/auth/cas/callback?next=%2Fpages%2Fme';

let standIns: RunningStandIns;
beforeAll(async () => {
  standIns = await startStandIns();
});
afterAll(() => standIns.close());

/** the browser's part: submit the stand-in's login form, follow nothing, read the ticket off the redirect */
async function browserLogin(service: string, username: string = DEMO_USERNAMES.student, password = DEMO_PASSWORD) {
  const response = await fetch(`${standIns.urls.cas}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password, service }).toString(),
  });
  return { response, location: response.headers.get('location') };
}

async function ticketFor(service: string): Promise<string> {
  const { response, location } = await browserLogin(service);
  expect(response.status).toBe(302);
  const ticket = new URL(location!).searchParams.get('ticket');
  expect(ticket).toMatch(/^ST-/);
  return ticket!;
}

describe('CAS client against the CAS stand-in', () => {
  it('builds the login URL and the stand-in serves a Chinese login form there', async () => {
    const cas = createCasClient({ baseUrl: standIns.urls.cas });
    const url = cas.loginUrl(SERVICE);
    expect(url).toBe(`${standIns.urls.cas}/login?service=${encodeURIComponent(SERVICE)}`);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('统一身份认证');
    expect(html).toMatch(/name="username"/);
    expect(html).toMatch(/name="password"/);
    expect(html).toContain(`value="${SERVICE.replace(/&/g, '&amp;')}"`);
  });

  it('appends the ticket with & when the service already has a query, and the ticket validates exactly once', async () => {
    const cas = createCasClient({ baseUrl: standIns.urls.cas });
    const { location } = await browserLogin(SERVICE);
    expect(location!.startsWith(`${SERVICE}&ticket=ST-`)).toBe(true);
    const ticket = new URL(location!).searchParams.get('ticket')!;

    const principal = await cas.validateServiceTicket(ticket, SERVICE);
    expect(principal.user).toBe(DEMO_USERNAMES.student);
    expect(principal.attributes).toMatchObject({ name: '陈思远', userType: 'student', department: '计算机学院' });
    expect(principal.attributes.eduPersonAffiliation).toEqual(['student', 'member']);

    const again = await rejectionOf(cas.validateServiceTicket(ticket, SERVICE));
    expect(again).toBeInstanceOf(IntegrationError);
    expect(again).toMatchObject({ system: 'cas', kind: 'rejected', upstreamCode: 'INVALID_TICKET' });
    expect((again as Error).message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('uses ? for a service without a query and reads staff attributes', async () => {
    const service = 'http://127.0.0.1:8080/cas-done';
    const { location } = await browserLogin(service, DEMO_USERNAMES.teacher);
    expect(location!.startsWith(`${service}?ticket=ST-`)).toBe(true);
    const principal = await createCasClient({ baseUrl: standIns.urls.cas }).validateServiceTicket(new URL(location!).searchParams.get('ticket')!, service);
    expect(principal).toMatchObject({ user: DEMO_USERNAMES.teacher, attributes: { name: '张建国', userType: 'staff' } });
  });

  it('rejects a ticket presented for another service (INVALID_SERVICE), and the ticket is spent by that attempt', async () => {
    const cas = createCasClient({ baseUrl: standIns.urls.cas });
    const ticket = await ticketFor(SERVICE);
    await expect(cas.validateServiceTicket(ticket, 'http://evil.example/callback')).rejects.toMatchObject({
      kind: 'rejected',
      upstreamCode: 'INVALID_SERVICE',
    });
    await expect(cas.validateServiceTicket(ticket, SERVICE)).rejects.toMatchObject({ kind: 'rejected', upstreamCode: 'INVALID_TICKET' });
  });

  it('rejects forged and expired tickets; a malformed one without asking CAS', async () => {
    const calls: string[] = [];
    const cas = createCasClient(
      { baseUrl: standIns.urls.cas },
      { fetch: (input, init) => (calls.push(String(input)), fetch(input, init)) },
    );
    await expect(cas.validateServiceTicket('ST-forged-1234567890', SERVICE)).rejects.toMatchObject({ kind: 'rejected', upstreamCode: 'INVALID_TICKET' });
    expect(calls).toHaveLength(1);
    await expect(cas.validateServiceTicket('TGT-not-a-service-ticket', SERVICE)).rejects.toMatchObject({ kind: 'rejected' });
    await expect(cas.validateServiceTicket('ST-<script>', SERVICE)).rejects.toMatchObject({ kind: 'rejected' });
    expect(calls).toHaveLength(1);

    const ticket = await ticketFor(SERVICE);
    standIns.advance(5 * 60_000 + 1000);
    await expect(cas.validateServiceTicket(ticket, SERVICE)).rejects.toMatchObject({ kind: 'rejected', upstreamCode: 'INVALID_TICKET' });
  });

  it('shows the form again with an error for a wrong password, and issues no ticket', async () => {
    const { response, location } = await browserLogin(SERVICE, DEMO_USERNAMES.student, 'wrong');
    expect(response.status).toBe(401);
    expect(location).toBeNull();
    expect(await response.text()).toContain('用户名或密码错误');
  });

  it('REST verifyPassword: the principal for the right password, null for a wrong one or a parent, and the TGT is deleted', async () => {
    const seen: { method: string; url: string; status: number; location: string | null }[] = [];
    const cas = createCasClient(
      { baseUrl: standIns.urls.cas },
      {
        fetch: async (input, init) => {
          const response = await fetch(input, init);
          seen.push({ method: init?.method ?? 'GET', url: String(input), status: response.status, location: response.headers.get('location') });
          return response;
        },
      },
    );
    const principal = await cas.verifyPassword(DEMO_USERNAMES.counselor, DEMO_PASSWORD);
    expect(principal).toMatchObject({ user: DEMO_USERNAMES.counselor, attributes: { name: '王晓燕', userType: 'staff' } });
    expect(seen.map((call) => `${call.method} ${call.status}`)).toEqual(['POST 201', 'POST 200', 'GET 200', 'DELETE 200']);
    const tgtUrl = seen[0]!.location!;
    expect(tgtUrl).toMatch(new RegExp(`^${standIns.urls.cas}/v1/tickets/TGT-`));
    expect((await fetch(tgtUrl)).status).toBe(404); // deleted

    await expect(cas.verifyPassword(DEMO_USERNAMES.counselor, 'campus124')).resolves.toBeNull();
    await expect(cas.verifyPassword('2099999999', DEMO_PASSWORD)).resolves.toBeNull();
    await expect(cas.verifyPassword(DEMO_USERNAMES.parent, DEMO_PASSWORD)).resolves.toBeNull();
    await expect(cas.verifyPassword('', '')).resolves.toBeNull();
  });

  it('is unavailable (not rejected) when CAS is down, slow or answers garbage', async () => {
    const down = createCasClient({ baseUrl: 'http://127.0.0.1:1/cas' });
    await expect(down.validateServiceTicket('ST-abcdef', SERVICE)).rejects.toMatchObject({ kind: 'unavailable', upstreamCode: 'network' });
    await expect(down.verifyPassword('a', 'b')).rejects.toMatchObject({ kind: 'unavailable' });

    const slow = createCasClient({ baseUrl: `${standIns.slowUrl}/cas` }, { timeoutMs: 200 });
    await expect(slow.validateServiceTicket('ST-abcdef', SERVICE)).rejects.toMatchObject({ kind: 'unavailable', upstreamCode: 'timeout' });

    const garbage = createCasClient({ baseUrl: `${standIns.garbageUrl}/cas` });
    await expect(garbage.validateServiceTicket('ST-abcdef', SERVICE)).rejects.toMatchObject({ kind: 'unavailable', upstreamCode: 'malformed' });
    // the password never shows up in what the caller could log
    const error = await rejectionOf(down.verifyPassword('2023010101', 'my-secret-password'));
    expect(JSON.stringify(error) + String(error) + (error as Error).stack).not.toContain('my-secret-password');
  });
});

describe('parseServiceResponse', () => {
  it('reads user, single and repeated attributes, keeping leading zeros', () => {
    const parsed = parseServiceResponse(`<?xml version="1.0"?>
      <cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">
        <cas:authenticationSuccess>
          <cas:user>0012345</cas:user>
          <cas:attributes>
            <cas:name>李 &amp; 王</cas:name>
            <cas:memberOf>a</cas:memberOf>
            <cas:memberOf>b</cas:memberOf>
            <cas:empty/>
          </cas:attributes>
        </cas:authenticationSuccess>
      </cas:serviceResponse>`);
    expect(parsed).toEqual({ principal: { user: '0012345', attributes: { name: '李 & 王', memberOf: ['a', 'b'], empty: '' } } });
  });

  it('reads the failure code, and refuses a DTD, non-CAS XML and broken XML', () => {
    expect(
      parseServiceResponse('<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationFailure code="INVALID_TICKET">no</cas:authenticationFailure></cas:serviceResponse>'),
    ).toEqual({ failure: 'INVALID_TICKET' });
    expect(parseServiceResponse('<!DOCTYPE x [<!ENTITY a "aaaa">]><cas:serviceResponse/>')).toBeUndefined();
    expect(parseServiceResponse('<html><body>CAS is down</body></html>')).toBeUndefined();
    expect(parseServiceResponse('<cas:serviceResponse><cas:authenticationSuccess>')).toBeUndefined();
    expect(parseServiceResponse('')).toBeUndefined();
    expect(
      parseServiceResponse('<cas:serviceResponse xmlns:cas="x"><cas:authenticationSuccess><cas:user></cas:user></cas:authenticationSuccess></cas:serviceResponse>'),
    ).toBeUndefined();
  });
});
