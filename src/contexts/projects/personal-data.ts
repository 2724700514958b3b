// What joint projects and mutual aid hold about a person — projects started, updates posted, offers and needs
// with their contacts, messages — in their data download. On deletion their offers and needs go (with the
// contacts and the conversations on them), their messages elsewhere lose their name, and what they wrote for a
// project stays, shown as by a deleted account.
import { and, eq, isNull } from 'drizzle-orm';
import type { PersonalDataProvider } from '../identity/data-rights.service.ts';
import { aidMessage, aidPost, project, projectUpdate } from './projects.schema.ts';

export const projectsPersonalData: PersonalDataProvider = {
  context: 'projects',
  async export(db, personId) {
    const [projects, updates, posts, messages] = await Promise.all([
      db.select({ id: project.id, title: project.title, createdAt: project.createdAt }).from(project).where(eq(project.createdBy, personId)),
      db.select({ projectId: projectUpdate.projectId, partner: projectUpdate.partnerName, body: projectUpdate.body, postedAt: projectUpdate.postedAt }).from(projectUpdate).where(eq(projectUpdate.authorId, personId)),
      db
        .select({ id: aidPost.id, side: aidPost.side, kind: aidPost.kind, title: aidPost.title, description: aidPost.description, contact: aidPost.contact, organisation: aidPost.organisationName, createdAt: aidPost.createdAt, closedAt: aidPost.closedAt })
        .from(aidPost)
        .where(eq(aidPost.postedBy, personId)),
      db.select({ matchId: aidMessage.matchId, side: aidMessage.side, body: aidMessage.body, at: aidMessage.at }).from(aidMessage).where(eq(aidMessage.authorId, personId)),
    ]);
    return { projectsStarted: projects, projectUpdates: updates, aidPosts: posts, aidMessages: messages };
  },
  async erase(tx, personId) {
    await tx.update(project).set({ createdBy: null, createdByName: '' }).where(eq(project.createdBy, personId));
    await tx.update(projectUpdate).set({ authorId: null, authorName: '' }).where(eq(projectUpdate.authorId, personId));
    await tx.update(aidMessage).set({ authorId: null, authorName: '' }).where(eq(aidMessage.authorId, personId));
    // A person's own posts are theirs alone: they go, with their contact and the conversations on them (cascade).
    await tx.delete(aidPost).where(and(eq(aidPost.postedBy, personId), isNull(aidPost.organisationId)));
    // Posts for an organisation stay with it, without the person's name.
    await tx.update(aidPost).set({ postedBy: null, postedByName: '' }).where(eq(aidPost.postedBy, personId));
  },
};
