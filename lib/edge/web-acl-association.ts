import { Aws, Stack, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { invalidProp } from '../private/validation';

const REGIONAL_WEB_ACL_ARN = /^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:\d{12}:regional\/webacl\/[\w-]{1,128}\/[0-9a-f-]{36}$/;

export function validateWebAclArn(scope: Construct, webAclArn: string): void {
  if (!Token.isUnresolved(webAclArn) && !REGIONAL_WEB_ACL_ARN.test(webAclArn)) {
    invalidProp(scope, 'webAclArn', webAclArn,
      'the ARN of a REGIONAL web ACL (arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>): REST API stages take no CLOUDFRONT web ACL');
  }
}

/** The ARN WAF knows a REST API stage by. */
export function stageArnForWaf(stage: apigateway.IStage): string {
  return `arn:${Aws.PARTITION}:apigateway:${Stack.of(stage).region}::/restapis/${stage.restApi.restApiId}/stages/${stage.stageName}`;
}

export function associateWebAcl(scope: Construct, id: string, webAclArn: string, stage: apigateway.IStage): wafv2.CfnWebACLAssociation {
  return new wafv2.CfnWebACLAssociation(scope, id, { webAclArn, resourceArn: stageArnForWaf(stage) });
}
