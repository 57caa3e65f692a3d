import { alt, gap, opt } from '../pattern-builder';
import { Reason } from '../reasons';
import { DESTINATION, MOVE, SENSITIVE } from '../vocabulary/exfiltration';
import { rule, type WordRule } from './rule';

/**
 * Instructions to move data out (to a URL, an address, an image link) or to
 * act through tools, and requests to do so behind the user's back. Sending a
 * report to a colleague is ordinary; sending the conversation, credentials
 * or the system prompt somewhere is not.
 */

export const EXFILTRATION_RULES: readonly WordRule[] = [
  rule(
    Reason.EXFILTRATION, 0.7,
    alt(MOVE), gap(6), alt(SENSITIVE), gap(6),
    alt('to', 'into', 'in', 'at', 'via', 'using', 'as', 'through', 'a', 'an', 'à', 'para', 'per', 'на', 'zu', 'nach', 'an'),
    gap(3), alt(DESTINATION),
  ),
  rule(
    Reason.EXFILTRATION, 0.55,
    alt('append', 'add', 'include', 'encode', 'insert', 'put', 'embed', 'attach', 'concatenate'), gap(6),
    alt('to', 'into', 'in', 'as'), opt('the', 'a', 'this', 'that', 'every', 'each'),
    alt('url', 'link', 'query string', 'query parameter', 'query', 'parameter', 'image url', 'image link', 'image source',
      'src', 'markdown image', 'request', 'webhook'),
  ),
  rule(
    Reason.EXFILTRATION, 0.5,
    alt('render', 'display', 'show', 'include', 'output', 'print', 'insert', 'embed', 'load', 'fetch', 'open', 'visit'),
    gap(3), alt('image', 'markdown image', 'markdown', 'link', 'url', 'pixel', 'tracking pixel'), gap(4),
    alt('with', 'containing', 'that contains', 'including', 'where'), gap(4), alt(SENSITIVE, 'the answer', 'the summary', 'the response', 'the result', 'user'),
  ),
  rule(
    Reason.TOOL_INVOCATION, 0.3,
    alt('call', 'invoke', 'use', 'execute', 'run', 'trigger', 'fire', 'activate'), opt('the', 'your', 'a'),
    alt('send email', 'sendemail', 'send mail', 'send message', 'sendmessage', 'http request', 'http', 'fetch', 'fetch url',
      'browse', 'browser', 'web request', 'web search', 'shell', 'bash', 'terminal', 'exec', 'execute code', 'run code',
      'code interpreter', 'python', 'delete', 'delete file', 'delete files', 'transfer', 'transfer funds', 'payment', 'payments',
      'write file', 'file system', 'filesystem', 'database', 'sql', 'curl', 'wget', 'email', 'calendar', 'slack', 'github',
      'purchase', 'buy', 'api', 'plugin', 'tool', 'function', 'action', 'webhook', 'zapier', 'make payment', 'create user',
      'grant access', 'grant admin', 'update permissions'),
  ),
  rule(
    Reason.STEALTH_INSTRUCTION, 0.45,
    alt('do not', "don't", 'dont', 'never', 'without', 'no need to', 'avoid'), gap(2),
    alt('tell', 'telling', 'inform', 'informing', 'mention', 'mentioning', 'reveal', 'revealing', 'alert', 'alerting',
      'notify', 'notifying', 'let', 'show', 'showing', 'ask', 'asking', 'confirm', 'confirming', 'warn', 'warning',
      'disclose', 'disclosing', 'indicate', 'acknowledge', 'acknowledging', 'make', 'flag', 'flagging'),
    gap(2), alt('the user', 'the human', 'the customer', 'the recipient', 'the reader', 'the person', 'the operator',
      'the victim', 'the owner', 'them', 'anyone', 'the requester', 'the end user', 'the developer', 'users', 'the maintainers',
      'the admins', 'the administrators', 'the team', 'the reviewers', 'the owners', 'your user', 'anyone else', 'the security team', 'a human', 'humans'),
  ),
  rule(
    Reason.STEALTH_INSTRUCTION, 0.45,
    alt('the user', 'the human', 'the customer', 'users'), gap(1),
    alt('must not', 'should not', 'cannot', "can't", 'will not', "won't", 'must never', 'should never', 'need not'),
    opt('ever', 'be able to'), alt('know', 'see', 'notice', 'find out', 'learn', 'be told', 'be informed', 'suspect', 'realize', 'discover'),
  ),
  rule(
    Reason.STEALTH_INSTRUCTION, 0.45,
    alt('silently', 'secretly', 'quietly', 'covertly', 'discreetly', 'invisibly', 'stealthily', 'without a trace', 'in the background'),
    gap(2), alt('send', 'forward', 'include', 'append', 'add', 'call', 'execute', 'visit', 'insert', 'embed', 'post', 'upload',
      'transfer', 'copy', 'delete', 'run', 'invoke', 'email', 'share', 'leak', 'exfiltrate', 'change', 'modify', 'approve', 'grant'),
  ),
  rule(
    Reason.STEALTH_INSTRUCTION, 0.45,
    alt('tell', 'inform', 'assure', 'convince', 'reassure', 'lie to', 'mislead'), alt('the user', 'the customer', 'them', 'the human'),
    opt('that'), gap(3),
    alt('failed', 'was declined', 'did not go through', "didn't go through", 'nothing happened', 'everything is fine', 'all is well',
      'it was an error', 'it is safe', "it's safe", 'is legitimate', 'has been recalled', 'was cancelled', 'was canceled', 'is complete', 'succeeded'),
  ),
  rule(Reason.STEALTH_INSTRUCTION, 0.45, alt('keep', 'hide'), alt('this', 'these instructions', 'this instruction', 'this message', 'it'), gap(2), alt('secret', 'hidden', 'confidential', 'from the user', 'from the human', 'from users')),
];
