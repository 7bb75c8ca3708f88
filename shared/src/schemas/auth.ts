import Type, { type Static } from 'typebox'
import { MOBILE_PATTERN } from '../domain/identity'

export const ROLES = ['worker', 'inspector', 'supervisor', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const WechatLoginBody = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 128, description: 'from Taro.login() / wx.login()' }) },
  { additionalProperties: false },
)
export type WechatLoginBody = Static<typeof WechatLoginBody>

export const SmsRequestBody = Type.Object(
  { phone: Type.String({ pattern: MOBILE_PATTERN, description: 'mainland mobile number' }) },
  { additionalProperties: false },
)
export type SmsRequestBody = Static<typeof SmsRequestBody>

export const SmsRequestAccepted = Type.Object({
  expiresIn: Type.Integer({ description: 'seconds the code stays valid' }),
})
export type SmsRequestAccepted = Static<typeof SmsRequestAccepted>

export const SmsVerifyBody = Type.Object(
  {
    phone: Type.String({ pattern: MOBILE_PATTERN }),
    code: Type.String({ pattern: '^[0-9]{6}$', description: 'the 6-digit code from the SMS' }),
  },
  { additionalProperties: false },
)
export type SmsVerifyBody = Static<typeof SmsVerifyBody>

export const RefreshBody = Type.Object(
  { refreshToken: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
)
export type RefreshBody = Static<typeof RefreshBody>

export const TokenPairSchema = Type.Object({
  accessToken: Type.String(),
  refreshToken: Type.String(),
  expiresIn: Type.Integer({ description: 'seconds until the access token expires' }),
  user: Type.Object({ id: Type.String({ format: 'uuid' }), role: Type.Enum([...ROLES]) }),
})
export type TokenPair = Static<typeof TokenPairSchema>

export const STAFF_ROLES = ['inspector', 'supervisor', 'admin'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

export const StaffLoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 128 }),
    totp: Type.Optional(Type.String({ pattern: '^[0-9]{6}$', description: 'required for supervisors and admins' })),
  },
  { additionalProperties: false },
)
export type StaffLoginBody = Static<typeof StaffLoginBody>
