import { ApiError } from '../../src/api/client';
import { errorText, summaryText } from '../../src/components/errors';
import { fieldSentence, pathLabel, pathsToLabels } from '../../src/components/field-labels';

// Every page names a failing field as its input is labelled, never by its path in the request.

describe('field labels', () => {
  it.each([
    ['ipRules.allow[2]', 'IP rules, line 3'],
    ['ipRules', 'IP rules'],
    ['schedule.minutes', 'Minutes between runs'],
    ['executionRetentionDays', 'Keep execution history (days)'],
    ['integrations.customConnector', 'Custom connector'],
    ['requiredFields[0]', 'Required fields, line 1'],
    ['credentials.apiKey', 'Credentials, Api key'],
    ['headers.X-Token', 'Headers, X-Token'],
    ['someNewField', 'Some new field'],
    ['blueprint.flow[1].mapper.array', 'Blueprint, module 2 of the flow, Array'],
    ['userIds[1]', 'Members, item 2'],
  ])('%s → %s', (path, label) => {
    expect(pathLabel(path)).toBe(label);
  });

  it('puts a message after its label as a sentence', () => {
    expect(fieldSentence('name', 'is required')).toBe('Name is required');
    expect(fieldSentence('maxQueue', 'must not be less than 1')).toBe('Queue limit must not be less than 1');
    expect(fieldSentence('ipRules.allow[2]', 'not an IP address or range')).toBe(
      'IP rules, line 3: not an IP address or range',
    );
  });

  it('rewrites the paths of a message the server joined', () => {
    expect(pathsToLabels('ipRules.allow[2]: not an address; name: is required')).toBe(
      'IP rules, line 3: not an address; Name is required',
    );
    expect(pathsToLabels('the scenario was changed meanwhile: reload it')).toBe(
      'the scenario was changed meanwhile: reload it',
    );
  });

  it('an API error reads in labels on any page', () => {
    const err = new ApiError(400, 'Bad Request', 'ipRules.allow[2]: bad; description: is required', [
      { path: 'ipRules.allow[2]', message: 'bad' },
      { path: 'description', message: 'is required' },
    ]);
    expect(errorText(err)).toBe('IP rules, line 3: bad; Description is required');
    expect(summaryText(err, new Set(['description']))).toBe('IP rules, line 3: bad');
    expect(errorText(new ApiError(409, 'Conflict', 'maxQueue: too small'))).toBe('Queue limit: too small');
  });
});
