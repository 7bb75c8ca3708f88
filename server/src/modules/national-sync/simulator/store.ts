/**
 * The simulated platform's memory: the clues it dispatched or had registered, the feed the pull
 * pages through, and every message accepted — each messageId once, with the answer first given,
 * so a repeat gets the same answer and the tests can count deliveries and check the order.
 */
import { randomInt } from 'node:crypto'
import type { DispatchedClue, OutcomeCategory, PlatformProgress } from '../protocol'

export type MessageKind = 'register' | 'progress' | 'result' | 'ack'

export interface ReceivedMessage {
  messageId: string
  kind: MessageKind
  clueId: string
  localClaimId: string | null
  seq: number | null
  /** Deliveries of this messageId, the first included. */
  deliveries: number
  receivedAt: string
}

export interface StoredClue {
  clueId: string
  origin: 'dispatched' | 'registered'
  localClaimId: string | null
  dispatched?: DispatchedClue
  acked: boolean
  progress: PlatformProgress | null
  outcome: OutcomeCategory | null
  amountRecoveredFen: number | null
  transferTo: string | null
  lastMessageId: string | null
  lastSeq: number
  updatedAt: string
}

/** How a message kind is handled: its answer, and the clue it concerns when the path did not say. */
export type MessageHandler = (body: Record<string, unknown>, clueId: string | undefined) => { status: number; body: unknown; clueId?: string }

export function createPlatformStore() {
  return {
    clues: new Map<string, StoredClue>(),
    /** Dispatched clues in dispatch order: what the pull pages through. */
    feed: [] as DispatchedClue[],
    /** Local claim id → the clue its registration made. */
    byLocalClaim: new Map<string, string>(),
    /** messageId → the answer first given, and the record of the message. */
    answers: new Map<string, { status: number; body: unknown; record: ReceivedMessage }>(),
    received: [] as ReceivedMessage[],
    orderViolations: [] as { localClaimId: string; seq: number; after: number }[],
    lastSeqByClaim: new Map<string, number>(),
    nextDispatchSeq: 1,
    pushStats: { attempted: 0, delivered: 0, failed: 0 },
  }
}

export type PlatformStore = ReturnType<typeof createPlatformStore>

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴']
const GIVEN = ['建国', '秀英', '志强', '桂兰', '小龙', '德明', '春花', '海涛', '红梅', '国庆']
const TOWN_CODES = ['yaoguan', 'henglin', 'hengshanqiao', 'lucheng', 'qishuyan', 'dingyan']
const INDUSTRIES = ['construction', 'manufacturing', 'services', 'other']

const pick = <T>(items: readonly T[]): T => items[randomInt(items.length)] as T

/** Dates travel as ISO strings; the deadline is the platform's 15 calendar days. */
function generateClue(seq: number, at: Date, overrides: Partial<DispatchedClue> = {}): DispatchedClue {
  const month = `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, '0')}`
  return {
    clueId: `GJ${at.getUTCFullYear()}${String(seq).padStart(8, '0')}${String(randomInt(100)).padStart(2, '0')}`,
    dispatchSeq: seq,
    dispatchedAt: at.toISOString(),
    dueAt: new Date(at.getTime() + 15 * 86_400_000).toISOString(),
    town: pick(TOWN_CODES),
    industry: pick(INDUSTRIES),
    claimant: { name: pick(SURNAMES) + pick(GIVEN), phone: `13${randomInt(100_000_000, 999_999_999)}` },
    employer: { name: `常州${pick(['宏达', '恒信', '金城', '华泰'])}建设工程有限公司` },
    periodFrom: month,
    periodTo: month,
    amountOwedFen: randomInt(100_000, 5_000_000),
    workersCount: randomInt(1, 8),
    description: '通过全国根治欠薪线索反映平台反映：工资被拖欠。',
    ...overrides,
  }
}

/** New clues dispatched to the bureau (random, with `overrides` applied), stored and fed to the pull. */
export function dispatchClues(store: PlatformStore, overrides: Partial<DispatchedClue>[]): DispatchedClue[] {
  const made: DispatchedClue[] = []
  for (const override of overrides) {
    const clue = generateClue(store.nextDispatchSeq++, new Date(), override)
    store.clues.set(clue.clueId, {
      clueId: clue.clueId,
      origin: 'dispatched',
      localClaimId: null,
      dispatched: clue,
      acked: false,
      progress: null,
      outcome: null,
      transferTo: null,
      amountRecoveredFen: null,
      lastMessageId: null,
      lastSeq: 0,
      updatedAt: clue.dispatchedAt,
    })
    store.feed.push(clue)
    made.push(clue)
  }
  return made
}

/**
 * The shared path of every message: a repeat of a messageId gets the original answer; a new one
 * is handled and recorded in arrival order. `fresh` says whether it was new.
 */
export function acceptMessage(
  store: PlatformStore,
  handle: MessageHandler | undefined,
  kind: MessageKind,
  body: Record<string, unknown>,
  clueIdParam: string | undefined,
): { status: number; body: unknown; fresh: boolean } {
  const messageId = body.messageId
  if (typeof messageId !== 'string' || !/^[0-9a-f-]{36}$/i.test(messageId)) {
    return { status: 400, body: { code: 'INVALID_MESSAGE_ID', message: 'messageId must be a UUID' }, fresh: false }
  }
  const seen = store.answers.get(messageId)
  if (seen) {
    seen.record.deliveries++
    return { status: seen.status, body: seen.body, fresh: false }
  }
  if (!handle) return { status: 400, body: { code: 'INVALID_KIND', message: `unknown message kind ${kind}` }, fresh: false }
  const answer = handle(body, clueIdParam)
  if (answer.status < 200 || answer.status >= 300) return { status: answer.status, body: answer.body, fresh: false }
  const localClaimId = typeof body.localClaimId === 'string' ? body.localClaimId : null
  const seq = typeof body.seq === 'number' ? body.seq : null
  const record: ReceivedMessage = {
    messageId,
    kind,
    clueId: answer.clueId ?? clueIdParam ?? '',
    localClaimId,
    seq,
    deliveries: 1,
    receivedAt: new Date().toISOString(),
  }
  if (localClaimId !== null && seq !== null) {
    const last = store.lastSeqByClaim.get(localClaimId) ?? 0
    if (seq <= last) store.orderViolations.push({ localClaimId, seq, after: last })
    else store.lastSeqByClaim.set(localClaimId, seq)
  }
  store.received.push(record)
  store.answers.set(messageId, { status: answer.status, body: answer.body, record })
  const clue = store.clues.get(record.clueId)
  if (clue) {
    clue.lastMessageId = messageId
    clue.updatedAt = record.receivedAt
  }
  return { status: answer.status, body: answer.body, fresh: true }
}

/** In place, for the `outOfOrder` switch. */
export function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1)
    ;[items[i], items[j]] = [items[j] as T, items[i] as T]
  }
  return items
}

export const encodeCursor = (n: number) => Buffer.from(`d:${n}`).toString('base64url')

/** The dispatch sequence number a cursor stands for (0 for none), or undefined when it is not ours. */
export const decodeCursor = (cursor: string | undefined): number | undefined => {
  if (cursor === undefined || cursor === '') return 0
  const text = Buffer.from(cursor, 'base64url').toString('utf8')
  const match = /^d:(\d+)$/.exec(text)
  return match ? Number(match[1]) : undefined
}
