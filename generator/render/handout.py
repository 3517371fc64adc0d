def handout(facts, diagrams, source):
    raise NotImplementedError
