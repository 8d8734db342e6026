import { createHash } from 'node:crypto'
import { OperationError } from './dynalite-operations.mjs'

const WRITE_KINDS = [ 'ConditionCheck', 'Put', 'Update', 'Delete' ]
const MAX_ITEMS = 100
const TOKEN_LIFETIME_MS = 10 * 60 * 1000
const CONDITION_FAILED = 'The conditional request failed'

/**
 * TransactWriteItems and TransactGetItems on top of dynalite's single-item operations. The
 * caller runs each transaction alone (nothing else touches the table meanwhile), so a
 * transaction can apply its items one by one and undo them if any fails: to every other
 * request it is all or nothing, as in DynamoDB.
 */
export class Transactions {
  #dynalite
  #tokens = new Map()

  constructor (dynalite) {
    this.#dynalite = dynalite
  }

  /** @returns {Promise<{status: number, body: object}>} the answer DynamoDB would give */
  async write (input) {
    const invalid = validateWriteRequest(input)
    if (invalid) return invalid
    const replay = this.#checkToken(input)
    if (replay) return replay
    try {
      const operations = await Promise.all(input.TransactItems.map((item) => this.#operation(item)))
      const duplicate = findDuplicateItem(operations)
      if (duplicate) return validationError('Transaction request cannot include multiple operations on one item')
      const consumed = new Map()
      const outcome = await this.#applyAllOrNothing(operations, consumed)
      if (outcome.status === 200) {
        this.#rememberToken(input)
        addConsumedCapacity(input, outcome.body, consumed)
      }
      return outcome
    }
    catch (error) {
      if (error instanceof OperationError) return { status: error.status, body: error.body }
      throw error
    }
  }

  /** @returns {Promise<{status: number, body: object}>} every item as it is, read together */
  async get (input) {
    const items = input?.TransactItems
    if (!Array.isArray(items) || items.length < 1 || items.length > MAX_ITEMS) {
      return validationError(`TransactItems must hold 1 to ${MAX_ITEMS} items`)
    }
    if (items.some((item) => !item?.Get)) return validationError('TransactGetItems accepts only Get items')
    const responses = []
    const consumed = new Map()
    for (const { Get: get } of items) {
      const answer = await this.#dynalite.call('GetItem', {
        TableName: get.TableName,
        Key: get.Key,
        ProjectionExpression: get.ProjectionExpression,
        ExpressionAttributeNames: get.ExpressionAttributeNames,
        ConsistentRead: true,
        ReturnConsumedCapacity: 'TOTAL',
      })
      if (answer.status !== 200) return answer
      addUnits(consumed, get.TableName, answer.body.ConsumedCapacity)
      responses.push(answer.body.Item ? { Item: answer.body.Item } : {})
    }
    const body = { Responses: responses }
    addConsumedCapacity(input, body, consumed)
    return { status: 200, body }
  }

  /**
   * Applies every operation whose condition holds and notes which do not. Items are distinct,
   * so each condition is judged against the item as it was before the transaction. If any
   * condition failed, what was applied is undone, latest first.
   */
  async #applyAllOrNothing (operations, consumed) {
    const applied = []
    const reasons = []
    try {
      for (const operation of operations) {
        reasons.push(await this.#apply(operation, applied, consumed))
      }
    }
    catch (error) {
      await this.#undo(applied)
      throw error
    }
    if (reasons.every((reason) => reason.Code === 'None')) return { status: 200, body: {} }
    await this.#undo(applied)
    return {
      status: 400,
      body: {
        __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
        Message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [' +
          reasons.map((reason) => reason.Code).join(', ') + ']',
        CancellationReasons: reasons,
      },
    }
  }

  /** @returns {Promise<object>} the item's cancellation reason: None, or ConditionalCheckFailed */
  async #apply (operation, applied, consumed) {
    const before = await this.#dynalite.callOrThrow('GetItem', {
      TableName: operation.tableName, Key: operation.key, ConsistentRead: true,
    })
    const answer = await this.#dynalite.call(operation.singleItemOperation, operation.singleItemInput)
    if (answer.status === 200) {
      addUnits(consumed, operation.tableName, answer.body.ConsumedCapacity)
      if (operation.kind === 'ConditionCheck') {
        // The check ran as a conditional delete: put the item back at once.
        await this.#restore(operation, before.Item)
      }
      else {
        applied.push({ operation, before: before.Item })
      }
      return { Code: 'None' }
    }
    const failure = new OperationError(operation.singleItemOperation, answer)
    if (failure.errorName !== 'ConditionalCheckFailedException') throw failure
    const reason = { Code: 'ConditionalCheckFailed', Message: CONDITION_FAILED }
    if (operation.returnOldItemOnFailure && before.Item) reason.Item = before.Item
    return reason
  }

  async #undo (applied) {
    for (const { operation, before } of applied.reverse()) {
      await this.#restore(operation, before)
    }
  }

  async #restore (operation, item) {
    if (item) {
      await this.#dynalite.callOrThrow('PutItem', { TableName: operation.tableName, Item: item })
    }
    else {
      await this.#dynalite.callOrThrow('DeleteItem', { TableName: operation.tableName, Key: operation.key })
    }
  }

  /** One TransactWriteItems entry as the single-item operation that carries it out. */
  async #operation (transactItem) {
    const kind = WRITE_KINDS.find((name) => transactItem[name])
    const step = transactItem[kind]
    const expressions = {
      ConditionExpression: step.ConditionExpression,
      ExpressionAttributeNames: step.ExpressionAttributeNames,
      ExpressionAttributeValues: step.ExpressionAttributeValues,
      // The item's size in write units, which the transaction doubles (see addUnits).
      ReturnConsumedCapacity: 'TOTAL',
    }
    const key = kind === 'Put' ? await this.#keyOf(step.TableName, step.Item) : step.Key
    const singleItem = {
      Put: [ 'PutItem', { TableName: step.TableName, Item: step.Item, ...expressions } ],
      Update: [ 'UpdateItem', {
        TableName: step.TableName, Key: step.Key, UpdateExpression: step.UpdateExpression, ...expressions,
      } ],
      Delete: [ 'DeleteItem', { TableName: step.TableName, Key: step.Key, ...expressions } ],
      // A delete that only happens when the condition holds, undone at once.
      ConditionCheck: [ 'DeleteItem', { TableName: step.TableName, Key: step.Key, ...expressions } ],
    }[kind]
    return {
      kind,
      tableName: step.TableName,
      key,
      identity: step.TableName + '\u0000' + canonicalKey(key),
      singleItemOperation: singleItem[0],
      singleItemInput: singleItem[1],
      returnOldItemOnFailure: step.ReturnValuesOnConditionCheckFailure === 'ALL_OLD',
    }
  }

  async #keyOf (tableName, item) {
    const described = await this.#dynalite.callOrThrow('DescribeTable', { TableName: tableName })
    return Object.fromEntries(described.Table.KeySchema.map(({ AttributeName: name }) => [ name, item?.[name] ]))
  }

  #checkToken (input) {
    const token = input.ClientRequestToken
    if (token === undefined) return null
    const now = Date.now()
    for (const [ seen, remembered ] of this.#tokens) {
      if (remembered.expiresAt <= now) this.#tokens.delete(seen)
    }
    const remembered = this.#tokens.get(token)
    if (!remembered) return null
    if (remembered.hash === requestHash(input)) return { status: 200, body: {} }
    return {
      status: 400,
      body: {
        __type: 'com.amazonaws.dynamodb.v20120810#IdempotentParameterMismatchException',
        Message: 'ClientRequestToken was used with different request parameters',
      },
    }
  }

  #rememberToken (input) {
    if (input.ClientRequestToken === undefined) return
    this.#tokens.set(input.ClientRequestToken, {
      hash: requestHash(input),
      expiresAt: Date.now() + TOKEN_LIFETIME_MS,
    })
  }
}

function validateWriteRequest (input) {
  const items = input?.TransactItems
  if (!Array.isArray(items)) {
    return validationError("1 validation error detected: Value null at 'transactItems' failed to satisfy constraint: " +
      'Member must not be null')
  }
  if (items.length < 1 || items.length > MAX_ITEMS) {
    return validationError("1 validation error detected: Value at 'transactItems' failed to satisfy constraint: " +
      `Member must have length between 1 and ${MAX_ITEMS}`)
  }
  for (const item of items) {
    const kinds = WRITE_KINDS.filter((name) => item?.[name])
    if (kinds.length !== 1) return validationError('TransactItems can only contain one of Check, Put, Update or Delete')
    const step = item[kinds[0]]
    if (typeof step.TableName !== 'string') return validationError('TableName must be given for every item')
    if (kinds[0] === 'Put' ? typeof step.Item !== 'object' : typeof step.Key !== 'object') {
      return validationError(`${kinds[0]} needs ${kinds[0] === 'Put' ? 'Item' : 'Key'}`)
    }
    if (kinds[0] === 'ConditionCheck' && !step.ConditionExpression) {
      return validationError('ConditionCheck needs a ConditionExpression')
    }
    if (kinds[0] === 'Update' && !step.UpdateExpression) return validationError('Update needs an UpdateExpression')
  }
  const token = input.ClientRequestToken
  if (token !== undefined && (typeof token !== 'string' || token.length < 1 || token.length > 36)) {
    return validationError('ClientRequestToken must be 1 to 36 characters')
  }
  return null
}

/**
 * A transaction reads or writes each item twice (prepare, then commit): DynamoDB charges two
 * units for each unit the single-item operation would take (1 KB written, 4 KB read). A
 * ConditionCheck is charged as a write of the item it checks.
 */
function addUnits (consumed, tableName, capacity) {
  if (capacity) consumed.set(tableName, (consumed.get(tableName) ?? 0) + 2 * capacity.CapacityUnits)
}

/** ConsumedCapacity by table, as DynamoDB answers when the request asked for it. */
function addConsumedCapacity (input, body, consumed) {
  if (![ 'TOTAL', 'INDEXES' ].includes(input.ReturnConsumedCapacity)) return
  body.ConsumedCapacity = [ ...consumed ].map(([ tableName, units ]) => ({ TableName: tableName, CapacityUnits: units }))
}

function findDuplicateItem (operations) {
  const seen = new Set()
  return operations.find((operation) => {
    if (seen.has(operation.identity)) return true
    seen.add(operation.identity)
    return false
  })
}

function canonicalKey (key) {
  return JSON.stringify(Object.keys(key ?? {}).sort().map((name) => [ name, key[name] ]))
}

function requestHash (input) {
  return createHash('sha256').update(JSON.stringify(input.TransactItems)).digest('hex')
}

function validationError (message) {
  return { status: 400, body: { __type: 'com.amazon.coral.validate#ValidationException', message } }
}
