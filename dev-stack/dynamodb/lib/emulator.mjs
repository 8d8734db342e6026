import { randomUUID } from 'node:crypto'
import http from 'node:http'
import { DynaliteOperations } from './dynalite-operations.mjs'
import { ReadWriteLock } from './read-write-lock.mjs'
import { loadSnapshot, saveSnapshot } from './snapshot.mjs'
import { Transactions } from './transactions.mjs'

const MAX_BODY_BYTES = 16 * 1024 * 1024

/**
 * An HTTP server that speaks DynamoDB: dynalite answers every operation it knows, and the
 * transactions it lacks are answered here. A transaction runs alone; everything else runs
 * side by side, never during a transaction, so no request sees half of one.
 *
 * @param {{snapshotFile?: string}} options snapshotFile: where the tables are kept between runs
 */
export function createEmulator ({ snapshotFile } = {}) {
  const dynalite = new DynaliteOperations({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
  const transactions = new Transactions(dynalite)
  const lock = new ReadWriteLock()

  const server = http.createServer(async (request, response) => {
    const operation = String(request.headers['x-amz-target'] ?? '').split('.')[1]
    if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
      await answerTransaction(request, response, operation)
      return
    }
    const release = await lock.shared()
    response.once('finish', release)
    response.once('close', release)
    dynalite.handle(request, response)
  })

  async function answerTransaction (request, response, operation) {
    let input
    try {
      input = JSON.parse(await readBody(request))
    }
    catch {
      send(response, 400, { __type: 'com.amazon.coral.service#SerializationException' })
      return
    }
    const release = await lock.exclusive()
    try {
      const answer = operation === 'TransactWriteItems'
        ? await transactions.write(input)
        : await transactions.get(input)
      send(response, answer.status, answer.body)
    }
    catch (error) {
      console.error(`${operation} failed:`, error)
      send(response, 500, { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: error.message })
    }
    finally {
      release()
    }
  }

  return {
    server,

    /** Restores the snapshot, if any, and starts listening. */
    async listen (port, host) {
      if (snapshotFile) {
        const restored = await loadSnapshot(dynalite, snapshotFile)
        if (restored > 0) console.log(`Restored ${restored} table(s) from ${snapshotFile}`)
      }
      await new Promise((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, host, resolve)
      })
      return server.address()
    },

    /** Stops taking requests, lets those under way finish, and writes the snapshot. */
    async close () {
      const closed = new Promise((resolve) => server.close(resolve))
      server.closeIdleConnections()
      const release = await lock.exclusive()
      try {
        if (snapshotFile) {
          const saved = await saveSnapshot(dynalite, snapshotFile)
          console.log(`Saved ${saved} table(s) to ${snapshotFile}`)
        }
      }
      finally {
        release()
      }
      server.closeAllConnections()
      await closed
    },
  }
}

function readBody (request) {
  return new Promise((resolve, reject) => {
    const chunks = []
    let size = 0
    const onData = (chunk) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'))
        request.destroy()
        return
      }
      chunks.push(chunk)
    }
    const onEnd = () => {
      request.off('data', onData)
      resolve(Buffer.concat(chunks).toString('utf8'))
    }
    request.on('data', onData)
    request.once('end', onEnd)
    request.once('error', reject)
  })
}

function send (response, status, body) {
  const json = JSON.stringify(body)
  response.writeHead(status, {
    'Content-Type': 'application/x-amz-json-1.0',
    'Content-Length': Buffer.byteLength(json),
    'x-amzn-RequestId': randomUUID(),
  })
  response.end(json)
}
