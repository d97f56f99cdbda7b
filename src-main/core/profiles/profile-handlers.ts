import type { Knex } from 'knex';
import { z } from 'zod';
import { durationSeconds } from '../../shared/duration';
import { AppError } from '../../shared/errors';
import {
  profileIdSchema,
  profileInputSchema,
  profileUpdateSchema,
  type ProfileData,
} from '../../shared/schemas/profile';
import { assertExists, countWhere } from '../api/assert-exists';
import { defineHandler } from '../api/define-handler';
import { resellerScopeIssues } from '../resellers/reseller-scope-repo';
import { deleteProfile, getProfile, insertProfile, listProfiles, updateProfile } from './profile-repo';

/** References and uniqueness, checked inside the writing transaction. */
async function checkProfileReferences(trx: Knex.Transaction, data: ProfileData, selfId?: number) {
  const issues = await resellerScopeIssues(trx, 'profiles', data, selfId);
  const userIds = data.userNotification.userIds;
  if (userIds.length) {
    const found = new Set(
      (await trx('users').whereIn('id', userIds).select('id')).map((row: { id: number }) => row.id),
    );
    userIds.forEach((userId, i) => {
      if (!found.has(userId))
        issues.push({ path: `userNotification.userIds.${i}`, message: `User ${userId} does not exist` });
    });
  }
  if (issues.length) throw AppError.validation(issues);
}

const profileListInput = z
  .object({
    search: z.string().trim().max(200).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .default({ offset: 0, limit: 200 });

export const profileHandlers = {
  'profiles.list': defineHandler(profileListInput, { reads: true }, (input, ctx) =>
    listProfiles(ctx.db, input),
  ),

  'profiles.get': defineHandler(profileIdSchema, { reads: true }, async ({ id }, ctx) => {
    const profile = await getProfile(ctx.db, id);
    if (!profile) throw AppError.notFound('Profile');
    return profile;
  }),

  'profiles.create': defineHandler(profileInputSchema, { writes: true }, async (data, ctx) => {
    const id = await ctx.db.transaction(async (trx) => {
      await checkProfileReferences(trx, data);
      return insertProfile(trx, data, durationSeconds(data.period), ctx.now());
    });
    return (await getProfile(ctx.db, id))!;
  }),

  'profiles.update': defineHandler(profileUpdateSchema, { writes: true }, async ({ id, profile }, ctx) => {
    await ctx.db.transaction(async (trx) => {
      await assertExists(trx, 'profiles', id, 'Profile');
      await checkProfileReferences(trx, profile, id);
      await updateProfile(trx, id, profile, durationSeconds(profile.period), ctx.now());
    });
    return (await getProfile(ctx.db, id))!;
  }),

  'profiles.delete': defineHandler(profileIdSchema, { writes: true }, async ({ id }, ctx) => {
    const clientCount = await ctx.db.transaction(async (trx) => {
      await assertExists(trx, 'profiles', id, 'Profile');
      const count = await countWhere(trx, 'clients', { profile_id: id });
      await deleteProfile(trx, id);
      return count;
    });
    return { id, unassignedClients: clientCount };
  }),
};
