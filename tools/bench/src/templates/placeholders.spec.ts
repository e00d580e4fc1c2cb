import { TemplateShapeError } from '../errors';
import { stackOf } from './__testing__/stack';
import { PLACEHOLDER_ACCOUNT, placeholderOf } from './placeholders';

const stack = stackOf({
  Resources: {
    Topic: { Type: 'AWS::SNS::Topic' },
    Queue: { Type: 'AWS::SQS::Queue' },
    Images: { Type: 'AWS::S3::Bucket' },
    Table: { Type: 'AWS::DynamoDB::Table' },
    Workflow: { Type: 'AWS::StepFunctions::StateMachine' },
    Bot: { Type: 'AWS::Lex::Bot' },
  },
});

describe('placeholderOf', () => {
  it('keeps literals', () => {
    expect(placeholderOf(stack, 'en_GB')).toBe('en_GB');
    expect(placeholderOf(stack, 30)).toBe('30');
  });

  it.each([
    [{ Ref: 'Topic' }, `arn:aws:sns:eu-west-1:${PLACEHOLDER_ACCOUNT}:Topic`],
    [{ Ref: 'Queue' }, `https://sqs.eu-west-1.amazonaws.com/${PLACEHOLDER_ACCOUNT}/Queue`],
    [{ Ref: 'Images' }, 'images'],
    [{ Ref: 'Table' }, 'Table'],
    [{ Ref: 'Workflow' }, `arn:aws:states:eu-west-1:${PLACEHOLDER_ACCOUNT}:stateMachine:Workflow`],
    [{ Ref: 'AWS::Region' }, 'eu-west-1'],
    [{ 'Fn::GetAtt': ['Table', 'Arn'] }, `arn:aws:dynamodb:eu-west-1:${PLACEHOLDER_ACCOUNT}:Table`],
    [{ 'Fn::GetAtt': ['Bot', 'Id'] }, 'BOTID'],
    [{ 'Fn::Join': ['', ['s3://', { Ref: 'Images' }, '/in']] }, 's3://images/in'],
    [{ 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:${Table}' }, `arn:aws:logs:eu-west-1:${PLACEHOLDER_ACCOUNT}:Table`],
    [{ 'Fn::Sub': ['${Name}-x', { Name: { Ref: 'Images' } }] }, 'images-x'],
    [{ 'Fn::Select': [1, ['a', { Ref: 'Table' }]] }, 'Table'],
  ])('resolves %j to %s', (value, expected) => {
    expect(placeholderOf(stack, value)).toBe(expected);
  });

  it('refuses references to resources the template does not define, and unknown intrinsics', () => {
    expect(() => placeholderOf(stack, { Ref: 'Missing' })).toThrow(TemplateShapeError);
    expect(() => placeholderOf(stack, { 'Fn::ImportValue': 'x' })).toThrow(/not resolved/);
  });
});
