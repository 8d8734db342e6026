import { existsSync } from 'node:fs'
import { readFile, rename, writeFile } from 'node:fs/promises'

const BATCH_WRITE_LIMIT = 25

/**
 * Keeps the tables across restarts: dynalite holds them in memory, so on stop every table's
 * definition and items are written to a JSON file, and read back at the next start.
 */
export async function saveSnapshot (dynalite, file) {
  const tables = []
  let startTable
  do {
    const page = await dynalite.callOrThrow('ListTables', { ExclusiveStartTableName: startTable })
    for (const tableName of page.TableNames) {
      const { Table: description } = await dynalite.callOrThrow('DescribeTable', { TableName: tableName })
      tables.push({ definition: tableDefinition(description), items: await allItems(dynalite, tableName) })
    }
    startTable = page.LastEvaluatedTableName
  } while (startTable)
  const partial = file + '.partial'
  await writeFile(partial, JSON.stringify({ tables }))
  await rename(partial, file)
  return tables.length
}

/** @returns {Promise<number>} how many tables were restored */
export async function loadSnapshot (dynalite, file) {
  if (!existsSync(file)) return 0
  const { tables } = JSON.parse(await readFile(file, 'utf8'))
  for (const { definition, items } of tables) {
    await dynalite.callOrThrow('CreateTable', definition)
    await untilActive(dynalite, definition.TableName)
    for (let from = 0; from < items.length; from += BATCH_WRITE_LIMIT) {
      const requests = items.slice(from, from + BATCH_WRITE_LIMIT).map((item) => ({ PutRequest: { Item: item } }))
      await dynalite.callOrThrow('BatchWriteItem', { RequestItems: { [definition.TableName]: requests } })
    }
  }
  return tables.length
}

async function untilActive (dynalite, tableName) {
  for (;;) {
    const { Table: table } = await dynalite.callOrThrow('DescribeTable', { TableName: tableName })
    if (table.TableStatus === 'ACTIVE') return
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

async function allItems (dynalite, tableName) {
  const items = []
  let startKey
  do {
    const page = await dynalite.callOrThrow('Scan', { TableName: tableName, ExclusiveStartKey: startKey })
    items.push(...page.Items)
    startKey = page.LastEvaluatedKey
  } while (startKey)
  return items
}

/** What CreateTable needs to make the described table again. */
function tableDefinition (table) {
  const onDemand = table.BillingModeSummary?.BillingMode === 'PAY_PER_REQUEST'
  const throughput = (provisioned) => onDemand ? undefined : {
    ReadCapacityUnits: provisioned.ReadCapacityUnits,
    WriteCapacityUnits: provisioned.WriteCapacityUnits,
  }
  const index = (described, withThroughput) => ({
    IndexName: described.IndexName,
    KeySchema: described.KeySchema,
    Projection: described.Projection,
    ProvisionedThroughput: withThroughput ? throughput(described.ProvisionedThroughput) : undefined,
  })
  return {
    TableName: table.TableName,
    AttributeDefinitions: table.AttributeDefinitions,
    KeySchema: table.KeySchema,
    BillingMode: onDemand ? 'PAY_PER_REQUEST' : 'PROVISIONED',
    ProvisionedThroughput: throughput(table.ProvisionedThroughput),
    GlobalSecondaryIndexes: table.GlobalSecondaryIndexes?.map((described) => index(described, true)),
    LocalSecondaryIndexes: table.LocalSecondaryIndexes?.map((described) => index(described, false)),
  }
}
