import { Field, ID, InterfaceType } from "type-graphql";

/** Relay's Node: every object with an opaque global id can be fetched again with `node(id)`. */
@InterfaceType({ description: "An object with an opaque global id." })
export abstract class Node {
  @Field(() => ID, { name: "id", description: "Opaque global id." })
  globalId!: string;
}
