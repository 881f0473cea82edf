-- Net revenue by a breakdown dimension (issue #6, what changed). One row per value of {dimension}
-- (null included) among the orders in the analysis window. {dimension} is replaced by an identifier
-- from BREAKDOWNS, quoted; every value is bound.
with
orders_in_window as (
    select orders.customer, orders.{dimension} as dimension_value, orders.amount
    from window_orders(
        $region, $industry, $team, $account_manager, $product, $customer_type, $as_of, $window_days,
        $scope_region, $scope_account_manager
    ) as orders
),

revenue_by_value as (
    select
        dimension_value,
        count(distinct customer) as customers_count,
        sum(amount) as net_revenue
    from orders_in_window
    group by dimension_value
)

select
    dimension_value,
    customers_count::bigint as customers_count,
    (net_revenue * 100)::bigint as net_revenue_cents
from revenue_by_value
order by net_revenue desc, dimension_value asc nulls last
