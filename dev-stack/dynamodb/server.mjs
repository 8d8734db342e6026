#!/usr/bin/env node
// The DynamoDB emulator of dev-stack, the tests and docker-compose. See README.md.
//   node server.mjs [--port 8000] [--host 127.0.0.1] [--snapshot FILE]
import { parseArgs } from 'node:util'
import { createEmulator } from './lib/emulator.mjs'

const { values: options } = parseArgs({
  options: {
    port: { type: 'string', default: '8000' },
    host: { type: 'string', default: '127.0.0.1' },
    snapshot: { type: 'string' },
  },
})

const emulator = createEmulator({ snapshotFile: options.snapshot })
const address = await emulator.listen(Number(options.port), options.host)
console.log(`DynamoDB emulator (dynalite with transactions) listening on http://${address.address}:${address.port}`)

let stopping = false
for (const signal of [ 'SIGTERM', 'SIGINT' ]) {
  process.on(signal, async () => {
    if (stopping) return
    stopping = true
    await emulator.close()
    process.exit(0)
  })
}
