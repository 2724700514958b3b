// An organisation's people: the members page (invite, answer requests, change roles, remove, leave), the page
// a secret invitation link opens, and the invitations waiting for a signed-in person.
import { Layout } from '../../../platform/views/layout.tsx';
import { href, useView } from '../../../platform/views/context.ts';
import { Button, ErrorSummary, Form, Select, TextArea, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { organisationRoles } from '../agreement.schema.ts';
import type { InvitationView, MembershipPage, MyStanding } from './membership.service.ts';
import { Notice, When } from '../components.tsx';

const notices = ['memberInvited', 'memberWithdrawn', 'memberAccepted', 'memberDeclined', 'memberRemoved', 'memberRole', 'memberRequested', 'memberJoined', 'memberLeft'];

export function MembersPage({ page, me, values, errors, notice, problem }: { page: MembershipPage; me: string; values: Record<string, string>; errors: FieldErrors; notice?: string; problem?: string | null }) {
  const { t, locale } = useView();
  const o = page.organisation;
  const base = `/organisations/${o.id}/members`;
  const roleOptions = organisationRoles.map((r) => ({ value: r, label: t(`agreement.members.role.${r}`) }));
  const admins = page.members.filter((m) => m.role === 'organisation-admin').length;
  return (
    <Layout title={t('agreement.members.title', { organisation: o.name })}>
      <Notice notice={notice} allowed={notices} />
      {problem === 'last-admin' && (
        <div class="error-summary" role="alert" tabindex={-1}>
          <p>{t('agreement.members.errors.lastAdmin')}</p>
        </div>
      )}
      <ErrorSummary errors={errors} />
      <p>
        <a href={href(locale, `/organisations/${o.id}`)}>{o.name}</a>
      </p>
      <h1>{t('agreement.members.title', { organisation: o.name })}</h1>
      <div class="table-scroll" tabindex={0} role="region" aria-label={t('agreement.members.caption', { count: page.members.length })}>
      <table class="table">
        <caption>{t('agreement.members.caption', { count: page.members.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('agreement.members.name')}</th>
            <th scope="col">{t('agreement.members.roleColumn')}</th>
            <th scope="col">{t('agreement.members.since')}</th>
            {page.canManage && <th scope="col">{t('agreement.members.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {page.members.map((m) => (
            <tr key={`${m.personId}-${m.role}`} data-member={m.name}>
              <th scope="row" dir="auto">
                {m.name}
                {m.personId === me && ` (${t('agreement.members.you')})`}
              </th>
              <td>{t(`agreement.members.role.${m.role}`)}</td>
              <td>
                <When date={m.since} />
              </td>
              {page.canManage && (
                <td>
                  {m.personId !== me && (
                    <div class="button-row">
                      <Form action={href(locale, `${base}/${m.personId}/role`)}>
                        <input type="hidden" name="role" value={m.role === 'organisation-admin' ? 'organisation-member' : 'organisation-admin'} />
                        <Button variant="secondary">{t(m.role === 'organisation-admin' ? 'agreement.members.makeMember' : 'agreement.members.makeAdmin', { name: m.name })}</Button>
                      </Form>
                      <Form action={href(locale, `${base}/${m.personId}/remove`)}>
                        <Button variant="secondary">{t('agreement.members.remove', { name: m.name })}</Button>
                      </Form>
                    </div>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      {page.members.some((m) => m.personId === me) && (
        <section aria-labelledby="leave">
          <h2 id="leave">{t('agreement.members.leaveTitle')}</h2>
          <p>{t(admins <= 1 && page.canManage ? 'agreement.members.leaveLastAdmin' : 'agreement.members.leaveLead', { organisation: o.name })}</p>
          <Form action={href(locale, `${base}/leave`)}>
            <Button variant="secondary">{t('agreement.members.leave', { organisation: o.name })}</Button>
          </Form>
        </section>
      )}
      {page.canManage && (
        <>
          <section aria-labelledby="requests">
            <h2 id="requests">{t('agreement.members.requestsTitle')}</h2>
            {page.requests.length === 0 ? (
              <p>{t('agreement.members.noRequests')}</p>
            ) : (
              <ul class="card-list">
                {page.requests.map((r) => (
                  <li key={r.id} class="card" data-request={r.personName}>
                    <p>
                      <strong dir="auto">{r.personName || t('agreement.members.deletedAccount')}</strong> · <When date={r.createdAt} />
                    </p>
                    {r.message && (
                      <p dir="auto" class="quote">
                        {r.message}
                      </p>
                    )}
                    <div class="button-row">
                      <Form action={href(locale, `${base}/requests/${r.id}`)}>
                        <input type="hidden" name="decision" value="accept" />
                        <Button>{t('agreement.members.accept', { name: r.personName })}</Button>
                      </Form>
                      <Form action={href(locale, `${base}/requests/${r.id}`)}>
                        <input type="hidden" name="decision" value="decline" />
                        <Button variant="secondary">{t('agreement.members.decline', { name: r.personName })}</Button>
                      </Form>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="invite">
            <h2 id="invite">{t('agreement.members.inviteTitle')}</h2>
            <p>{t('agreement.members.inviteLead')}</p>
            <Form action={href(locale, `${base}/invite`)}>
              <TextInput name="email" type="email" label={t('agreement.members.email')} hint={t('agreement.members.emailHint')} value={values.email} error={errors.email} autocomplete="off" />
              <Select name="role" label={t('agreement.members.roleColumn')} options={roleOptions} value={values.role ?? 'organisation-member'} error={errors.role} />
              <Button>{t('agreement.members.send')}</Button>
            </Form>
          </section>
          <section aria-labelledby="invitations">
            <h2 id="invitations">{t('agreement.members.invitationsTitle')}</h2>
            {page.invitations.length === 0 ? (
              <p>{t('agreement.members.noInvitations')}</p>
            ) : (
              <div class="table-scroll" tabindex={0} role="region" aria-label={t('agreement.members.invitationsCaption')}>
              <table class="table">
                <caption>{t('agreement.members.invitationsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('agreement.members.email')}</th>
                    <th scope="col">{t('agreement.members.roleColumn')}</th>
                    <th scope="col">{t('agreement.members.expires')}</th>
                    <th scope="col">{t('agreement.members.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.invitations.map((i) => (
                    <tr key={i.id}>
                      <th scope="row" dir="ltr">
                        {i.email}
                      </th>
                      <td>{t(`agreement.members.role.${i.role}`)}</td>
                      <td>
                        <When date={i.expiresAt} />
                      </td>
                      <td>
                        <Form action={href(locale, `${base}/invitations/${i.id}/withdraw`)}>
                          <Button variant="secondary">{t('agreement.members.withdraw', { email: i.email })}</Button>
                        </Form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              </div>
            )}
          </section>
        </>
      )}
    </Layout>
  );
}

/** On an organisation's page: who is in it, and for a signed-in stranger a way to ask to join. */
export function MembershipPanel({ organisationId, organisationName, standing, canView, errors, values }: { organisationId: string; organisationName: string; standing: MyStanding | null; canView: boolean; errors: FieldErrors; values: Record<string, string> }) {
  const { t, locale } = useView();
  const here = href(locale, `/organisations/${organisationId}`);
  return (
    <section class="panel" aria-labelledby="membership">
      <h2 id="membership">{t('agreement.members.panelTitle')}</h2>
      {canView && (
        <p>
          <a href={href(locale, `/organisations/${organisationId}/members`)}>{t('agreement.members.link', { organisation: organisationName })}</a>
        </p>
      )}
      {standing === null && (
        <p>
          {t('agreement.members.signInToJoin')}{' '}
          <a href={`${href(locale, '/account/sign-in')}?next=${encodeURIComponent(here)}`}>{t('agreement.members.signIn')}</a>
        </p>
      )}
      {standing === 'requested' && <p>{t('agreement.members.requestWaits')}</p>}
      {standing === 'none' && (
        <Form action={href(locale, `/organisations/${organisationId}/join`)}>
          <TextArea name="message" label={t('agreement.members.askLabel', { organisation: organisationName })} hint={t('agreement.members.askHint')} value={values.message} error={errors.message} rows={3} maxLength={1000} />
          <Button>{t('agreement.members.ask')}</Button>
        </Form>
      )}
    </section>
  );
}

/** What a secret link opens: the organisation, the role, and how to accept (signing in or up first). */
export function InvitationPage({ view, token, signedIn, error }: { view: InvitationView | null; token: string; signedIn: boolean; error: string | null }) {
  const { t, locale } = useView();
  if (!view) {
    return (
      <Layout title={t('agreement.members.invitation.invalidTitle')}>
        <h1>{t('agreement.members.invitation.invalidTitle')}</h1>
        <p>{t('agreement.members.invitation.invalid')}</p>
      </Layout>
    );
  }
  const here = `${href(locale, '/organisations/invitation')}?token=${encodeURIComponent(token)}`;
  const role = t(`agreement.members.role.${view.invitation.role}`);
  return (
    <Layout title={t('agreement.members.invitation.title', { organisation: view.organisation.name })}>
      {error === 'wrong-account' && (
        <div class="error-summary" role="alert" tabindex={-1}>
          <p>{t('agreement.members.invitation.wrongAccount')}</p>
        </div>
      )}
      <h1>{t('agreement.members.invitation.title', { organisation: view.organisation.name })}</h1>
      <p>{t('agreement.members.invitation.body', { inviter: view.inviterName, organisation: view.organisation.name, role })}</p>
      <p>
        <a href={href(locale, `/organisations/${view.organisation.id}`)}>{t('agreement.members.invitation.about', { organisation: view.organisation.name })}</a>
      </p>
      {signedIn ? (
        <Form action={href(locale, '/organisations/invitation')}>
          <input type="hidden" name="token" value={token} />
          <Button>{t('agreement.members.invitation.accept', { organisation: view.organisation.name })}</Button>
        </Form>
      ) : (
        <>
          <p>{t('agreement.members.invitation.signInLead')}</p>
          <p class="button-row">
            <a class="button" href={`${href(locale, '/account/sign-in')}?next=${encodeURIComponent(here)}`}>
              {t('agreement.members.invitation.signIn')}
            </a>
            <a class="button button--secondary" href={`${href(locale, '/account/sign-up')}?next=${encodeURIComponent(here)}`}>
              {t('agreement.members.invitation.signUp')}
            </a>
          </p>
        </>
      )}
    </Layout>
  );
}

/** The invitations waiting for the signed-in person's address. */
export function MyInvitationsPage({ views, error }: { views: InvitationView[]; error: string | null }) {
  const { t, locale } = useView();
  return (
    <Layout title={t('agreement.members.mine.title')}>
      {error && (
        <div class="error-summary" role="alert" tabindex={-1}>
          <p>{t(error === 'wrong-account' ? 'agreement.members.invitation.wrongAccount' : 'agreement.members.invitation.invalid')}</p>
        </div>
      )}
      <h1>{t('agreement.members.mine.title')}</h1>
      {views.length === 0 ? (
        <p>{t('agreement.members.mine.none')}</p>
      ) : (
        <ul class="card-list">
          {views.map((v) => (
            <li key={v.invitation.id} class="card">
              <p>
                {t('agreement.members.invitation.body', { inviter: v.inviterName, organisation: v.organisation.name, role: t(`agreement.members.role.${v.invitation.role}`) })}
              </p>
              <Form action={href(locale, '/organisations/invitations')}>
                <input type="hidden" name="id" value={v.invitation.id} />
                <Button>{t('agreement.members.invitation.accept', { organisation: v.organisation.name })}</Button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
