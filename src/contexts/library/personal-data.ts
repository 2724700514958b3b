// What the library holds about a person — items they shared, comments they wrote — in their data download; on
// deletion their name goes (shown as a deleted account), the person id with it, and what they wrote stays.
import { eq } from 'drizzle-orm';
import type { PersonalDataProvider } from '../identity/data-rights.service.ts';
import { libraryComment, libraryItem } from './library.schema.ts';

export const libraryPersonalData: PersonalDataProvider = {
  context: 'library',
  async export(db, personId) {
    const [itemsShared, comments] = await Promise.all([
      db.select({ id: libraryItem.id, title: libraryItem.title, publisher: libraryItem.publisherName, publishedAt: libraryItem.publishedAt }).from(libraryItem).where(eq(libraryItem.sharedBy, personId)),
      db
        .select({ itemId: libraryComment.itemId, organisation: libraryComment.organisationName, body: libraryComment.body, lang: libraryComment.lang, createdAt: libraryComment.createdAt, hiddenAt: libraryComment.hiddenAt, hiddenReason: libraryComment.hiddenReason })
        .from(libraryComment)
        .where(eq(libraryComment.personId, personId)),
    ]);
    return { libraryItemsShared: itemsShared, libraryComments: comments };
  },
  async erase(tx, personId) {
    await tx.update(libraryItem).set({ sharedBy: null, sharedByName: '' }).where(eq(libraryItem.sharedBy, personId));
    await tx.update(libraryComment).set({ personId: null, authorName: '' }).where(eq(libraryComment.personId, personId));
  },
};
