import { Annotations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { GatewayWarning } from '../gateway-warning';

export function warnOptOut(scope: IConstruct, id: GatewayWarning, message: string): void {
  Annotations.of(scope).addWarningV2(id, message);
}
