import * as assert from 'node:assert/strict';
import { GreengrassClient, CreateGroupCommand, ListGroupsCommand } from '@aws-sdk/client-greengrass';
import { describeEndpoint } from '../../src/aws/endpoint';

describe('the local AWS endpoint', () => {
  it('is reached through AWS_ENDPOINT_URL, as real users configure it', async () => {
    assert.match(describeEndpoint(process.env), /^http:\/\/127\.0\.0\.1:\d+$/);
    const client = new GreengrassClient({});
    const name = `probe-${Date.now()}`;
    await client.send(new CreateGroupCommand({ Name: name }));
    const groups = await client.send(new ListGroupsCommand({}));
    assert.ok(groups.Groups?.some((g) => g.Name === name));
  });
});
