import { z } from 'zod';
import { CRITERIA, CRITERION_GROUP_IDS } from '../catalog/criteria.js';
import { Id, IsoDate, MemberStateCode } from './primitives.js';

/**
 * A supplier risk profile: one assessing authority's scores on the catalogue's criteria, each with its
 * evidence. Profiles are versioned and append-only: a change is a new version, never an edit.
 */

export const PROFILE_LEVELS = ['low', 'medium', 'high'] as const;
export const ProfileLevel = z.enum(PROFILE_LEVELS);
export type ProfileLevel = z.infer<typeof ProfileLevel>;

const CRITERION_IDS = new Set(CRITERIA.map((c) => c.id));
export const CriterionId = z.string().trim().refine((id) => CRITERION_IDS.has(id), 'is not a criterion of the catalogue');

export const ScoreValue = z.number().int('must be a whole number').min(0, 'must be between 0 and 4').max(4, 'must be between 0 and 4');

export const Evidence = z
  .object({
    text: z.string().trim().min(1, 'is required'),
    url: z.url().optional(),
    document_sha256: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 digest as 64 hexadecimal digits')
      .optional(),
  })
  .strict();
export type Evidence = z.infer<typeof Evidence>;

export const SUGGESTION_SOURCES = ['control', 'bom-origins', 'products', 'supply'] as const;

/**
 * A score the software suggested and what the assessor decided about it. Suggestions are never applied
 * silently: a recorded suggestion must say whether the assessor confirmed it or overrode it, and why.
 */
export const SuggestedScore = z
  .object({
    score: ScoreValue,
    source: z.enum(SUGGESTION_SOURCES),
    explanation: z.string().trim().min(1, 'is required'),
    decision: z.enum(['confirmed', 'overridden']),
    override_reason: z.string().trim().min(1).optional(),
  })
  .strict()
  .refine((s) => s.decision !== 'overridden' || s.override_reason !== undefined, {
    message: 'an overridden suggestion needs override_reason',
    path: ['override_reason'],
  });
export type SuggestedScore = z.infer<typeof SuggestedScore>;

export const CriterionScore = z
  .object({
    criterion: CriterionId,
    score: ScoreValue,
    evidence: z.array(Evidence).min(1, 'needs at least one piece of evidence'),
    suggested: SuggestedScore.optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (!s.suggested) return;
    const same = s.suggested.score === s.score;
    if (s.suggested.decision === 'confirmed' && !same)
      ctx.addIssue({ code: 'custom', path: ['suggested', 'decision'], message: `confirmed, but the score ${s.score} differs from the suggested ${s.suggested.score}` });
    if (s.suggested.decision === 'overridden' && same)
      ctx.addIssue({ code: 'custom', path: ['suggested', 'decision'], message: `overridden, but the score equals the suggested ${s.score}` });
  });
export type CriterionScore = z.infer<typeof CriterionScore>;

export const ProfileAssessment = z
  .object({
    profile_id: Id,
    supplier_id: Id,
    /** The assessing authority's member state. */
    member_state: MemberStateCode,
    version: z.number().int().min(1, 'must be 1 or more'),
    assessor: z.string().trim().min(1, 'is required'),
    assessed_on: IsoDate,
    scores: z.array(CriterionScore),
    note: z.string().trim().optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.scores.forEach((s, i) => {
      if (seen.has(s.criterion)) ctx.addIssue({ code: 'custom', path: ['scores', i, 'criterion'], message: `${s.criterion} is scored twice` });
      seen.add(s.criterion);
    });
  });
export type ProfileAssessment = z.infer<typeof ProfileAssessment>;
export type ProfileAssessmentInput = z.input<typeof ProfileAssessment>;

const GroupScore = z.number().int().min(1).max(4);
const Mean = z.number().min(0).max(4);

/** Conditions for one level; the level applies when any stated condition holds. */
export const LevelConditions = z
  .object({
    /** Some criterion's score is at least this. */
    max_score_at_least: GroupScore.optional(),
    /** Per group: some criterion of that group scores at least this. */
    group_max_at_least: z.partialRecord(z.enum(CRITERION_GROUP_IDS), GroupScore).optional(),
    /** The group-weighted mean of scores is at least this. */
    weighted_mean_at_least: Mean.optional(),
  })
  .strict();
export type LevelConditions = z.infer<typeof LevelConditions>;

/**
 * How a profile's scores become a result level, as data a member state can adopt or change. `high` is
 * tried first, then `medium`; otherwise the level is low. The weighted mean is Σ w_g·mean_g / Σ w_g over
 * the groups with at least one score.
 */
export const ResultLevelRule = z
  .object({
    rule_id: Id,
    description: z.string().trim().min(1),
    group_weights: z.object({ C1: z.number().min(0), C2: z.number().min(0), C3: z.number().min(0) }).strict()
      .refine((w) => w.C1 + w.C2 + w.C3 > 0, 'must give some group a positive weight'),
    high: LevelConditions,
    medium: LevelConditions,
    /** `ignore`: unscored criteria are left out (and listed); `worst`: they count as 4. */
    unscored: z.enum(['ignore', 'worst']),
  })
  .strict();
export type ResultLevelRule = z.infer<typeof ResultLevelRule>;
