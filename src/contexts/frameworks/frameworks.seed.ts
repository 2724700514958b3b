// Demo framework, built only through this context's services: the Metropolitan Network for Residential Inclusion
// co-drafts a framework for joint action over the past year. Version 1 goes to consultation, gets comments and two
// amendments (one accepted, one declined, each with a reason); version 2, with the accepted one, is agreed and
// endorsed by member organisations.
import { eq } from 'drizzle-orm';
import type { SeedContext } from '../../platform/manifest.ts';
import type { Actor, Role } from '../../platform/auth/permissions.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { findNetwork, networkMembers } from '../agreement/networks/network.service.ts';
import { grantDemoRole } from '../identity/identity.seed.ts';
import { framework } from './frameworks.schema.ts';
import { agreeVersion, createFramework, frameworkDetail, openConsultation, versionText } from './framework.service.ts';
import { addComment, amendmentsOn, decideAmendment, endorse, proposeAmendment } from './consultation.service.ts';

type Result<T> = { ok: true; value: T } | { ok: false; error: string; fields?: Record<string, string> };
async function must<T>(what: string, outcome: Promise<Result<T>>): Promise<T> {
  const r = await outcome;
  if (!r.ok) throw new Error(`Frameworks demo: ${what} failed: ${r.error} ${JSON.stringify(r.fields ?? {})}`);
  return r.value;
}

const person = (n: number, displayName: string, role: Role, kind: 'territory' | 'organisation', id: string): Actor => ({ personId: `0000f000-0000-4000-8000-${String(n).padStart(12, '0')}`, displayName, locale: 'ca', twoFactorVerified: true, grants: [{ role, scope: { kind, id } }] });
const at = (day: string) => new Date(`${day}T10:00:00Z`);

const title = 'Marc metropolità d’acció conjunta per a la inclusió residencial';
const summary = 'Com treballem plegats municipis i entitats perquè ningú no perdi la llar sense una alternativa a l’àrea metropolitana.';
const text = `# Per què un marc comú

L’exclusió residencial no s’atura als límits municipals: una família desnonada a Badalona sovint acaba en una habitació a Barcelona o a l’Hospitalet.

Aquest marc recull com ens coordinem les entitats i els serveis municipals de l’àrea metropolitana.

# Compromisos

Cap desnonament de famílies amb infants sense una alternativa habitacional acordada abans del dia del llançament.

Els serveis socials de cada municipi comparteixen cada trimestre les dades anònimes dels desnonaments per barri.

Les entitats ofereixen acompanyament a les famílies des del primer avís fins a una llar estable.

# Seguiment

La xarxa es reuneix dues vegades l’any per revisar el marc i en publica el balanç.`;

export async function seedFrameworks({ db, log }: SeedContext): Promise<void> {
  const forum = await findTerritory(db, 'metropolitan-social-forum');
  const network = forum && (await findNetwork(db, forum.id, 'residential-inclusion'));
  if (!forum || !network) return;
  const [already] = await db.select({ id: framework.id }).from(framework).where(eq(framework.territoryId, forum.id));
  if (already) return;
  const members = (await networkMembers(db, network.id, 'member')).filter((m) => m.organisationId);
  if (members.length < 3) return;
  const coordinator = person(1, 'Lucía Romero', 'network-coordinator', 'territory', forum.id);
  const memberOf = (i: number, name: string, role: Role = 'organisation-admin') => person(10 + i, name, role, 'organisation', members[i % members.length]!.organisationId!);

  const { id } = await must('framework', createFramework(db, coordinator, forum.id, { networkId: network.id, locale: 'ca', title, summary, text }, at('2026-01-20')));
  await must('consultation', openConsultation(db, coordinator, id, 1, {}, at('2026-03-02')));
  const paragraphs = (await versionText(db, (await frameworkDetail(db, coordinator, id))!.versions[0]!.id)).flatMap((s) => s.paragraphs);
  const [, , evictions, data, support] = paragraphs;
  const orgOf = (i: number) => members[i % members.length]!.organisationId!;

  await must('comment', addComment(db, memberOf(0, 'Marta Soler', 'organisation-member'), evictions!.id, { organisationId: orgOf(0), body: 'Caldria dir qui convoca la mesa d’emergència quan el llançament és en un altre municipi.' }, at('2026-03-10')));
  await must('comment', addComment(db, memberOf(1, 'Youssef El Amrani'), data!.id, { organisationId: orgOf(1), body: 'Que les dades es publiquin també en obert, no només entre serveis.' }, at('2026-03-12')));
  await must('comment', addComment(db, memberOf(2, 'Ioana Radu', 'organisation-member'), support!.id, { organisationId: orgOf(2), body: 'D’acord. Proposem que el marc esmenti també la mediació amb la propietat.' }, at('2026-03-18')));

  await must('amendment', proposeAmendment(db, memberOf(1, 'Youssef El Amrani'), evictions!.id, { organisationId: orgOf(1), replacement: 'Cap desnonament de famílies amb infants, de persones grans o de persones amb discapacitat sense una alternativa habitacional acordada abans del dia del llançament.', reason: 'Les persones grans i les persones amb discapacitat també queden fora dels protocols actuals.' }, at('2026-03-15')));
  await must('amendment', proposeAmendment(db, memberOf(0, 'Marta Soler', 'organisation-member'), data!.id, { organisationId: orgOf(0), replacement: 'Els serveis socials de cada municipi comparteixen cada mes les dades anònimes dels desnonaments per barri.', reason: 'Amb dades mensuals podem avisar abans les entitats del barri.' }, at('2026-03-20')));
  const amendments = await amendmentsOn(db, paragraphs[0]!.versionId);
  await must('accept', decideAmendment(db, coordinator, amendments[0]!.id, { decision: 'accepted', reason: 'Ho compartim: el protocol ha de protegir totes les persones vulnerables.' }, at('2026-04-14')));
  await must('decline', decideAmendment(db, coordinator, amendments[1]!.id, { decision: 'declined', reason: 'Els serveis socials encara no poden donar dades mensuals fiables; ho revisarem d’aquí a un any.' }, at('2026-04-14')));
  const { number } = await must('agree', agreeVersion(db, coordinator, id, 1, at('2026-05-06')));

  const endorsers = members.slice(0, Math.min(5, members.length));
  for (const [i, m] of endorsers.entries()) {
    await must('endorsement', endorse(db, person(30 + i, ['Laia Vives', 'Andrés Castillo', 'Fatou Diop', 'Núria Camps', 'Wang Li'][i]!, 'organisation-admin', 'organisation', m.organisationId!), id, number, m.organisationId!, at(`2026-05-${String(8 + i * 3).padStart(2, '0')}`)));
  }
  // Demo people to act in the network: the coordinator coordinates it, the organisation admin runs two of its
  // member organisations (the organisation member already belongs to one), so a journey can draft, take part and endorse.
  await grantDemoRole(db, 'network-coordinator@coproduce.example', 'network-coordinator', 'network', network.id);
  for (const m of members.filter((x) => x.organisationName !== 'Fundació Sostre Obert').slice(-2)) await grantDemoRole(db, 'organisation-admin@coproduce.example', 'organisation-admin', 'organisation', m.organisationId!);
  log(`Frameworks: 1 framework in ${number} versions, 3 comments, 2 amendments, ${endorsers.length} endorsements`);
}
