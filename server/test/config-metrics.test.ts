import { describe, expect, it } from 'vitest'
import { ConfigError } from '../src/config'
import { metricsConfig } from '../src/config-metrics'

describe('metrics configuration (HUXIN_METRICS_*)', () => {
  it('has no metrics port by default, binds loopback and allows only loopback', () => {
    expect(metricsConfig({})).toEqual({ port: undefined, host: '127.0.0.1', allow: [] })
    expect(metricsConfig({ HUXIN_METRICS_PORT: 'off' }).port).toBeUndefined()
  })

  it('reads a port, a host and an allowlist of addresses and CIDRs', () => {
    expect(metricsConfig({ HUXIN_METRICS_PORT: '9464', HUXIN_METRICS_HOST: '10.0.0.5', HUXIN_METRICS_ALLOW: '10.0.0.7, 10.1.0.0/16,fd00::/8' })).toEqual({
      port: 9464,
      host: '10.0.0.5',
      allow: ['10.0.0.7', '10.1.0.0/16', 'fd00::/8'],
    })
  })

  it.each([
    ['HUXIN_METRICS_PORT', '70000'],
    ['HUXIN_METRICS_PORT', 'nine'],
    ['HUXIN_METRICS_HOST', 'metrics.example.cn'],
    ['HUXIN_METRICS_ALLOW', '10.0.0.0/33'],
    ['HUXIN_METRICS_ALLOW', 'prometheus'],
    ['HUXIN_METRICS_ALLOW', '10.0.0.1/8/2'],
  ])('stops start-up on %s=%s, naming the variable', (name, raw) => {
    expect(() => metricsConfig({ [name]: raw })).toThrow(ConfigError)
    expect(() => metricsConfig({ [name]: raw })).toThrow(name)
  })
})
