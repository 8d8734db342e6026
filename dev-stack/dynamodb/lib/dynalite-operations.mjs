import { EventEmitter } from 'node:events'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const dynalite = require('dynalite')

// dynalite checks that a request is signed, not the signature.
const INTERNAL_HEADERS = {
  'content-type': 'application/x-amz-json-1.0',
  authorization: 'AWS4-HMAC-SHA256 Credential=emulator/20260101/us-east-1/dynamodb/aws4_request, ' +
    'SignedHeaders=host;x-amz-date, Signature=0',
  'x-amz-date': '20260101T000000Z',
}

/**
 * dynalite's request handler, called in process: the HTTP requests this emulator passes
 * through go to it as they are, and the steps of a transaction are single-item operations
 * sent to it without a network hop, through dynalite's own validation and storage code.
 */
export class DynaliteOperations {
  #handler

  constructor (options) {
    const server = dynalite(options)
    this.#handler = server.listeners('request')[0]
  }

  /** Lets dynalite answer an HTTP request of a client. */
  handle (request, response) {
    this.#handler(request, response)
  }

  /**
   * Runs one DynamoDB operation, e.g. call('GetItem', {TableName, Key}).
   *
   * @returns {Promise<{status: number, body: object}>} dynalite's answer, errors included
   */
  call (operation, input) {
    return new Promise((resolve) => {
      const request = new EventEmitter()
      request.method = 'POST'
      request.url = '/'
      request.headers = { ...INTERNAL_HEADERS, 'x-amz-target': 'DynamoDB_20120810.' + operation }
      const response = {
        statusCode: 200,
        setHeader () {},
        end (body) {
          resolve({ status: this.statusCode, body: body ? JSON.parse(body) : {} })
        },
      }
      this.#handler(request, response)
      request.emit('data', Buffer.from(JSON.stringify(input)))
      request.emit('end')
    })
  }

  /** Like call, but rejects with an OperationError unless DynamoDB answered 200. */
  async callOrThrow (operation, input) {
    const answer = await this.call(operation, input)
    if (answer.status !== 200) throw new OperationError(operation, answer)
    return answer.body
  }
}

/** An operation that dynalite refused, with the DynamoDB error it answered. */
export class OperationError extends Error {
  constructor (operation, answer) {
    super(`${operation} failed: ${answer.body.__type} ${answer.body.message ?? answer.body.Message ?? ''}`)
    this.status = answer.status
    this.body = answer.body
  }

  /** The error's short name, e.g. ConditionalCheckFailedException. */
  get errorName () {
    return String(this.body.__type ?? '').split('#').pop()
  }
}
