import { GetParameterCommand, GetParametersByPathCommand, GetParametersCommand, ParameterNotFound, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { startTestCloud, type TestCloud } from '../__testing__/test-cloud';
import { ssmService } from './index';

let env: TestCloud;
let ssm: SSMClient;

beforeAll(async () => {
  env = await startTestCloud([ssmService]);
  ssm = new SSMClient(env.client);
});
afterAll(() => env.dispose());

describe('SSM Parameter Store', () => {
  it('serves template parameters, versions, selectors, paths and secure strings', async () => {
    await env.provision('AWS::SSM::Parameter', 'Threshold', { Name: '/sma/alerting/threshold', Type: 'String', Value: '0.8' });
    await ssm.send(new PutParameterCommand({ Name: '/sma/alerting/threshold', Value: '0.9', Overwrite: true }));
    await ssm.send(new PutParameterCommand({ Name: '/sma/alerting/nested/key', Value: 's3cr3t', Type: 'SecureString' }));
    expect((await ssm.send(new GetParameterCommand({ Name: '/sma/alerting/threshold' }))).Parameter).toMatchObject({ Value: '0.9', Version: 2, Type: 'String' });
    expect((await ssm.send(new GetParameterCommand({ Name: '/sma/alerting/threshold:1' }))).Parameter).toMatchObject({ Value: '0.8', Selector: ':1' });
    expect((await ssm.send(new GetParameterCommand({ Name: '/sma/alerting/nested/key', WithDecryption: true }))).Parameter!.Value).toBe('s3cr3t');
    expect((await ssm.send(new GetParameterCommand({ Name: '/sma/alerting/nested/key' }))).Parameter!.Value).not.toBe('s3cr3t');
    const flat = await ssm.send(new GetParametersByPathCommand({ Path: '/sma/alerting' }));
    expect(flat.Parameters!.map((p) => p.Name)).toEqual(['/sma/alerting/threshold']);
    const deep = await ssm.send(new GetParametersByPathCommand({ Path: '/sma', Recursive: true, WithDecryption: true }));
    expect(deep.Parameters!.map((p) => p.Name)).toEqual(['/sma/alerting/nested/key', '/sma/alerting/threshold']);
    const many = await ssm.send(new GetParametersCommand({ Names: ['/sma/alerting/threshold', '/nope'] }));
    expect(many).toMatchObject({ Parameters: [{ Name: '/sma/alerting/threshold' }], InvalidParameters: ['/nope'] });
  });

  it('answers bad requests as SSM does', async () => {
    await expect(ssm.send(new GetParameterCommand({ Name: '/missing' }))).rejects.toBeInstanceOf(ParameterNotFound);
    await expect(ssm.send(new PutParameterCommand({ Name: '/sma/alerting/threshold', Value: '1', Type: 'String' }))).rejects.toMatchObject({ name: 'ParameterAlreadyExists' });
    await expect(ssm.send(new PutParameterCommand({ Name: '/p', Value: 'abc', Type: 'String', AllowedPattern: '^\\d+$' }))).rejects.toMatchObject({ name: 'ParameterPatternMismatchException' });
    await expect(ssm.send(new PutParameterCommand({ Name: '/aws/x', Value: '1', Type: 'String' }))).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('keeps parameters across a restart', async () => {
    env = await env.restart();
    ssm = new SSMClient(env.client);
    expect((await ssm.send(new GetParameterCommand({ Name: '/sma/alerting/threshold' }))).Parameter!.Value).toBe('0.9');
  });
});
