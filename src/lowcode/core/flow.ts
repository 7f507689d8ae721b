/**
 * Flow routing as pure functions over a definition: where a request goes after a node. The
 * server's engine runs them inside its transactions; the client can use them to preview a flow.
 */
import type {
  ApprovalNode,
  CcNode,
  EndNode,
  FlowNode,
  HandleNode,
  MicroAppDefinition,
  RuleContext,
  StartNode,
} from '../../../types/microapp';
import { ruleHolds } from './rules';

export type TaskNode = ApprovalNode | HandleNode;

export const isTaskNode = (node: FlowNode | undefined): node is TaskNode =>
  node?.type === 'approval' || node?.type === 'task';

export const findNode = (definition: MicroAppDefinition, id: string): FlowNode | undefined =>
  definition.flow.nodes.find((node) => node.id === id);

export function startNode(definition: MicroAppDefinition): StartNode {
  const start = definition.flow.nodes.find((node): node is StartNode => node.type === 'start');
  if (!start) throw new Error(`${definition.key} has no start node`);
  return start;
}

/** Where `next` leads: the CC nodes passed on the way and the task or end node it stops at. */
export interface Advance {
  cc: CcNode[];
  stop: TaskNode | EndNode;
}

/** A valid definition has no cycle in its `next` graph; this bound only guards a broken one. */
const MAX_STEPS = 200;

/** The node ids a node can go to next (its `next`, or every branch of a condition). */
export function successors(node: FlowNode): string[] {
  switch (node.type) {
    case 'end':
      return [];
    case 'condition':
      return [...node.branches.map((b) => b.next), node.default];
    default:
      return [node.next];
  }
}

export function advance(definition: MicroAppDefinition, nextId: string, context: RuleContext): Advance {
  const cc: CcNode[] = [];
  let id = nextId;
  for (let step = 0; step < MAX_STEPS; step += 1) {
    const node = findNode(definition, id);
    if (!node) throw new Error(`${definition.key}: node ${id} does not exist`);
    if (node.type === 'cc') {
      cc.push(node);
      id = node.next;
    } else if (node.type === 'condition') {
      id = node.branches.find((branch) => ruleHolds(branch.when, context))?.next ?? node.default;
    } else if (node.type === 'start') {
      id = node.next;
    } else {
      return { cc, stop: node };
    }
  }
  throw new Error(`${definition.key}: the flow does not reach a task or the end`);
}

/**
 * Task nodes that can come before `nodeId` on a path from the start: the targets "reject back
 * to an earlier node" may choose.
 */
export function earlierTaskNodes(definition: MicroAppDefinition, nodeId: string): TaskNode[] {
  const before = new Set<string>();
  const visit = (id: string, trail: string[]): void => {
    if (trail.includes(id)) return;
    if (id === nodeId) {
      trail.forEach((t) => before.add(t));
      return;
    }
    const node = findNode(definition, id);
    if (!node) return;
    for (const next of successors(node)) visit(next, [...trail, id]);
  };
  visit(startNode(definition).id, []);
  return definition.flow.nodes.filter((node): node is TaskNode => isTaskNode(node) && before.has(node.id));
}
