/**
 * DynamoDB only: the items the repositories write carry the specification's keys (OpenDeck Backend Architecture,
 * "DynamoDB Schema"): attributes PK and SK, USER#<id>/USER#<id>, USER#<id>/DECK#<id>, DECK#<id>/CARD#<id> and
 * USER#<id>/DOC#<id>, read here with raw GetItem calls spelled as the document spells them, so a tool or a
 * person following the document finds each item where it says.
 */
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createDynamo, type DynamoTables } from '../../src/infra/dynamo/client.js';
import { openDynamo } from '../../src/infra/dynamo/open-dynamo.js';
import type { DynamoRepositories } from '../../src/infra/dynamo/repositories.js';
import { documentIn } from './suites/document-fixtures.js';
import { newCard } from './suites/fixtures.js';

export function describeDynamoKeyShapes(repos: () => DynamoRepositories, endpoint: () => string, tables: DynamoTables): void {
  const dynamo = () =>
    createDynamo({
      region: 'us-east-1',
      endpoint: endpoint(),
      tables,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });

  describe("DynamoDB keys as the specification's data model names them", () => {
    it('every table is keyed on PK (hash) and SK (range)', async () => {
      const db = dynamo();
      for (const table of Object.values(tables)) {
        const { Table } = await db.raw.send(new DescribeTableCommand({ TableName: table }));
        expect(Table!.KeySchema, table).toEqual([
          { AttributeName: 'PK', KeyType: 'HASH' },
          { AttributeName: 'SK', KeyType: 'RANGE' },
        ]);
      }
    });

    it('a user, a deck, a card and a document sit at USER#/USER#, USER#/DECK#, DECK#/CARD#, USER#/DOC#', async () => {
      const { user, deck, doc } = await documentIn(repos(), 'processing');
      const [card] = (await repos().cards.createMany(user.id, deck.id, [newCard(user.id, deck.id)]))!;
      const get = async (table: string, PK: string, SK: string) =>
        (await dynamo().doc.send(new GetCommand({ TableName: table, Key: { PK, SK }, ConsistentRead: true }))).Item;
      expect(await get(tables.users, `USER#${user.id}`, `USER#${user.id}`)).toMatchObject({ email: user.email });
      expect(await get(tables.decks, `USER#${user.id}`, `DECK#${deck.id}`)).toMatchObject({ title: deck.title });
      expect(await get(tables.flashcards, `DECK#${deck.id}`, `CARD#${card!.id}`)).toMatchObject({ question: card!.question });
      expect(await get(tables.documents, `USER#${user.id}`, `DOC#${doc.id}`)).toMatchObject({ filename: doc.filename });
    });

    it('a table of the earlier layout (pk/sk) is refused by migrate and the probe, saying what to do', async () => {
      const old = 'od-old-layout-decks';
      await dynamo().raw.send(
        new CreateTableCommand({
          TableName: old,
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          AttributeDefinitions: [
            { AttributeName: 'pk', AttributeType: 'S' },
            { AttributeName: 'sk', AttributeType: 'S' },
          ],
        }),
      );
      const store = openDynamo({
        region: 'us-east-1',
        endpoint: endpoint(),
        tables: { ...tables, decks: old },
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      });
      try {
        await expect(store.migrate()).rejects.toThrow(
          `DynamoDB table ${old}: Its keys are not PK/SK: it was created by an earlier OpenDeck.`,
        );
        await expect(store.probe.check()).rejects.toThrow(/table od-old-layout-decks: .*Its keys are not PK\/SK/);
      } finally {
        await store.close();
      }
    });

    it('refuses a card written twice by its key alone', async () => {
      const { user, deck } = await documentIn(repos(), 'processing');
      const card = newCard(user.id, deck.id);
      expect(await repos().cards.createMany(user.id, deck.id, [card])).toHaveLength(1);
      // Same id, another creation time: the old key (CARD#<created_at>#<id>) let this through as a second item.
      await expect(
        repos().cards.createMany(user.id, deck.id, [{ ...card, created_at: new Date(card.created_at.getTime() + 1000) }]),
      ).rejects.toThrow();
      expect((await repos().cards.listByDeck(user.id, deck.id, { limit: 10, offset: 0 }))!.total).toBe(1);
    });
  });
}
